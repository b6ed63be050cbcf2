package dev.remedy.adapter.slack;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.util.Optional;

/** The Slack app remedy posts as, and whose interactivity requests it accepts. */
@ConfigMapping(prefix = "remedy.slack")
public interface SlackConfig {

  /**
   * Bot token ({@code xoxb-…}) for {@code chat.postMessage} and {@code chat.postEphemeral}; unset:
   * messages go to the log.
   */
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

  /**
   * The app's signing secret (Basic Information → App Credentials): interactivity requests must be
   * signed with it. Unset: {@code POST /webhooks/slack/interactions} answers 503 and a warning says
   * so at start-up.
   */
  Optional<String> signingSecret();

  /**
   * The secret before the last rotation, accepted too while Slack may still sign with it. Remove it
   * once the rotation is over.
   */
  Optional<String> signingSecretPrevious();

  /**
   * The Slack workspace (team id, {@code T…}) whose members may decide. Unset: any workspace the
   * app is installed in (the approver lists, by user id, still decide who may approve).
   */
  Optional<String> teamId();
}
