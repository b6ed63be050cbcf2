package dev.remedy.adapter.alertmanager;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Alertmanager's webhook message, version 4 ({@code notify/webhook/webhook.go}). Fields added by
 * later Alertmanager versions ({@code notification_reason}, {@code routeLabels}, ...) are ignored.
 * The size limits are the columns' (V1__alerts.sql): a longer value is a 400 naming the field, not
 * a database refusal that Alertmanager would retry forever.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record WebhookPayloadV4(
    @NotNull @Pattern(regexp = "4", message = "must be \"4\", the only payload version supported")
        String version,
    @NotNull @Size(max = 8192) String groupKey,
    @PositiveOrZero Integer truncatedAlerts,
    @NotNull @Pattern(regexp = "firing|resolved", message = "must be \"firing\" or \"resolved\"")
        String status,
    @Size(max = 1024) String receiver,
    Map<String, String> groupLabels,
    Map<String, String> commonLabels,
    Map<String, String> commonAnnotations,
    @Size(max = 8192) String externalURL,
    @NotNull List<@NotNull @Valid AlertV4> alerts) {

  /** One alert of the message. */
  @RegisterForReflection
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record AlertV4(
      @NotNull @Pattern(regexp = "firing|resolved", message = "must be \"firing\" or \"resolved\"")
          String status,
      @NotNull Map<String, String> labels,
      Map<String, String> annotations,
      @NotNull Instant startsAt,
      Instant endsAt,
      @Size(max = 8192) String generatorURL,
      @NotBlank @Size(max = 128) String fingerprint) {}
}
