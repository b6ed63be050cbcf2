package dev.remedy.workflow.spec;

/**
 * A value read from a workflow file, with the path of its field and where it was written.
 *
 * @param field the path, e.g. {@code spec.steps[1].target.kind}
 */
record Value<T>(T value, String field, Span span) {

  Position position() {
    return span.start();
  }

  /** The same place holding another value, e.g. a parsed form of the text. */
  <U> Value<U> with(U other) {
    return new Value<>(other, field, span);
  }
}
