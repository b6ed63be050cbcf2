package dev.remedy.run;

import java.util.Optional;

/** Port: posts a message for people (Slack when configured, else the log). */
public interface Notifier {

  /**
   * Posts {@code text}.
   *
   * <p>Repeat: a re-execution under the same key posts the message again (chat services have no
   * idempotent post); the key is attached to the message so readers can tell.
   *
   * @return a reference to the posted message (channel and timestamp for Slack)
   * @throws StepFailedException classified: {@code UNAVAILABLE} (retryable) when the service cannot
   *     be reached, {@code FORBIDDEN}/{@code INVALID} for a refused token or channel
   */
  String post(IdempotencyKey key, String text, Optional<String> channel);
}
