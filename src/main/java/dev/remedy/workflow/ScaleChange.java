package dev.remedy.workflow;

/** How a scale step changes the replica count. */
public sealed interface ScaleChange {

  /** The new count from the current one (before bounds). */
  int apply(int current);

  /** {@code replicas: N}. */
  record To(int replicas) implements ScaleChange {
    @Override
    public int apply(int current) {
      return replicas;
    }
  }

  /** {@code by: ±N}. */
  record By(int delta) implements ScaleChange {
    @Override
    public int apply(int current) {
      return current + delta;
    }
  }

  /** {@code factor: F}, rounded up. */
  record Factor(double factor) implements ScaleChange {
    @Override
    public int apply(int current) {
      return (int) Math.ceil(current * factor);
    }
  }
}
