package dev.remedy.engine.bench;

import java.util.Arrays;
import java.util.Locale;

/** Percentiles (nearest rank, as bench/AlertLoad.java) of a set of millisecond values. */
record Stats(int n, double p50, double p90, double p99, double max) {

  static Stats of(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    if (v.length == 0) {
      return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    return new Stats(v.length, rank(v, 50), rank(v, 90), rank(v, 99), v[v.length - 1]);
  }

  private static double rank(double[] sorted, double p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  String describe() {
    return String.format(
        Locale.ROOT,
        "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)",
        p50,
        p90,
        p99,
        max,
        n);
  }
}
