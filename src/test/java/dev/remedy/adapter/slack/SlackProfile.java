package dev.remedy.adapter.slack;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Slack app configured (two signing secrets, a bot token, one workspace), the Web API faked,
 * and the approval use case recorded instead of applied.
 */
public class SlackProfile implements QuarkusTestProfile {

  static final String SECRET = "test-signing-secret-2f9c1e";
  static final String PREVIOUS_SECRET = "test-signing-secret-previous-8d3b";
  static final String BOT_TOKEN = "xoxb-test-bot-token";
  static final String TEAM = "T0REMEDY";

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "remedy.slack.signing-secret", SECRET,
        "remedy.slack.signing-secret-previous", PREVIOUS_SECRET,
        "remedy.slack.bot-token", BOT_TOKEN,
        "remedy.slack.team-id", TEAM,
        "quarkus.log.category.\"dev.remedy.adapter.slack\".level", "DEBUG");
  }

  @Override
  public Set<Class<?>> getEnabledAlternatives() {
    return Set.of(RecordingApprovalDecisions.class);
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(FakeSlackWebApi.class));
  }
}
