package dev.remedy.adapter.slack;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.util.Optional;

/** The Slack app remedy posts as. */
@ConfigMapping(prefix = "remedy.slack")
public interface SlackConfig {

  /** Bot token ({@code xoxb-…}) for {@code chat.postMessage}; unset: messages go to the log. */
  Optional<String> botToken();

  /** Base URL of the Slack Web API (tests point it at a local fake). */
  @WithDefault("https://slack.com/api")
  URI apiUrl();

  /** Channel for notifications and approvals when a step names none. */
  Optional<String> channel();

  /**
   * How often approval messages due for a post or an update (and retries after Slack failed) are
   * looked for; a decision is shown at once.
   */
  @WithDefault("2s")
  java.time.Duration deliveryInterval();
}
