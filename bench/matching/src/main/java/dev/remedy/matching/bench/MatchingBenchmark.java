package dev.remedy.matching.bench;

import dev.remedy.alert.LabelSet;
import dev.remedy.matching.MatcherIndex;
import dev.remedy.matching.MatcherSyntaxException;
import dev.remedy.matching.Matchers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of selecting the workflows of one alert: {@code indexed} with {@link MatcherIndex#match},
 * {@code linear} by testing every workflow (the baseline the index avoids). One operation is one
 * alert, taken in turn from 4,096 pre-built alerts, so the figure is ns per alert.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MatchingBenchmark {

  private static final int ALERTS = 4096;

  @Param({"10", "1000", "10000"})
  int workflows;

  private MatcherIndex<Integer> index;
  private List<Map.Entry<Integer, Matchers>> catalog;
  private LabelSet[] alerts;
  private int next;

  @Setup(Level.Trial)
  public void buildCatalog() throws MatcherSyntaxException {
    WorkflowCatalog generated = new WorkflowCatalog(workflows, 20261127L);
    catalog = generated.workflows;
    index = MatcherIndex.build(catalog);
    alerts = generated.alerts(ALERTS, 42L).toArray(LabelSet[]::new);
    long candidates = 0;
    long matched = 0;
    for (LabelSet alert : alerts) {
      candidates += index.candidates(alert).size();
      matched += index.match(alert).size();
    }
    System.out.printf(
        "%n[catalog] %d workflows, %d always tested; per alert: %.2f candidates tested, %.2f"
            + " matched%n",
        workflows, index.unindexedCount(), candidates / (double) ALERTS, matched / (double) ALERTS);
  }

  @Benchmark
  public List<Integer> indexed() {
    return index.match(nextAlert());
  }

  @Benchmark
  public List<Integer> linear() {
    LabelSet alert = nextAlert();
    List<Integer> matched = new ArrayList<>();
    for (Map.Entry<Integer, Matchers> workflow : catalog) {
      if (workflow.getValue().matches(alert)) {
        matched.add(workflow.getKey());
      }
    }
    return matched;
  }

  private LabelSet nextAlert() {
    LabelSet alert = alerts[next];
    next = (next + 1) & (ALERTS - 1);
    return alert;
  }
}
