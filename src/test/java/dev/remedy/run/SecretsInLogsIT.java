package dev.remedy.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service configured with every kind of secret, signed into, posted to and refused:
 * none of the secrets, nor the key Quarkus makes up for the UI's sign-in cookie, is in its log.
 */
class SecretsInLogsIT {

  private static final Map<String, String> SECRETS =
      Map.of(
          "remedy.slack.signing-secret", "slack-signing-secret-it-0123456789",
          "remedy.slack.bot-token", "xoxb-1111-2222-it-bot-token",
          "remedy.audit.checkpoint-key", "audit-checkpoint-key-it-0123456789",
          "quarkus.security.users.embedded.users.olga", "olga-password-it-0123");

  @TempDir Path temp;

  @Test
  void noSecretReachesTheLog() throws Exception {
    try (ItDatabase database = ItDatabase.fresh(temp)) {
      Map<String, String> config = new HashMap<>(database.serviceConfig());
      config.putAll(SECRETS);
      config.put("quarkus.security.users.embedded.roles.olga", "operator");
      config.put("remedy.slack.api-url", "http://127.0.0.1:9/api");
      Path log;
      try (PackagedService service = PackagedService.start("SecretsInLogsIT", temp, config)) {
        HttpClient http = HttpClient.newHttpClient();
        for (String password : List.of("wrong-password", "olga-password-it-0123")) {
          http.send(
              HttpRequest.newBuilder(service.uri("/j_security_check"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString("j_username=olga&j_password=" + password))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
        }
        http.send(
            HttpRequest.newBuilder(service.uri("/webhooks/slack/interactions"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", Long.toString(Instant.now().getEpochSecond()))
                .header("X-Slack-Signature", "v0=" + "0".repeat(64))
                .POST(HttpRequest.BodyPublishers.ofString("payload=%7B%7D"))
                .build(),
            HttpResponse.BodyHandlers.discarding());
        http.send(
            HttpRequest.newBuilder(service.uri("/webhooks/alertmanager"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer not-the-token")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.discarding());
        log = service.logFile();
      }
      String text = Files.readString(log, StandardCharsets.UTF_8);
      assertThat(text).contains("quarkus.http.auth.session.encryption-key is not set");
      assertThat(text).doesNotContain("temporary key", PackagedService.TOKEN);
      SECRETS.values().forEach(secret -> assertThat(text).as(secret).doesNotContain(secret));
    }
  }
}
