package dev.remedy.testsupport;

import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Alertmanager notifications (payload version 4) made to measure, in the shape of the fixtures. */
public final class Payloads {

  private Payloads() {}

  /**
   * A firing notification of {@code groupKey} to {@code receiver}, one alert per fingerprint, all
   * started at the same time.
   */
  public static String firing(String groupKey, String receiver, String... fingerprints) {
    String alerts =
        Stream.of(fingerprints)
            .map(
                fingerprint ->
                    """
                    {"status":"firing","labels":{"alertname":"Gen","fp":"%s"},"annotations":{},\
                    "startsAt":"2026-11-26T23:38:08.815460583Z","endsAt":"0001-01-01T00:00:00Z",\
                    "generatorURL":"","fingerprint":"%s"}"""
                        .formatted(fingerprint, fingerprint))
            .collect(Collectors.joining(","));
    return """
        {"version":"4","status":"firing","receiver":"%s","groupKey":"%s","truncatedAlerts":0,\
        "groupLabels":{"alertname":"Gen"},"commonLabels":{},"commonAnnotations":{},\
        "externalURL":"http://alertmanager.example:9093","alerts":[%s]}"""
        .formatted(json(receiver), json(groupKey), alerts);
  }

  private static String json(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
