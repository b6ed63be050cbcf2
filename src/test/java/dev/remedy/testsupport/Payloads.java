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

  /**
   * One alert in a notification of its own: {@code status} firing or resolved, labels as given (the
   * group key is the fingerprint, so every call is a distinct delivery per status).
   */
  public static String alert(
      String status, String fingerprint, java.time.Instant startsAt, String... labelPairs) {
    StringBuilder labels = new StringBuilder();
    for (int i = 0; i < labelPairs.length; i += 2) {
      labels
          .append(labels.isEmpty() ? "" : ",")
          .append('"')
          .append(json(labelPairs[i]))
          .append("\":\"")
          .append(json(labelPairs[i + 1]))
          .append('"');
    }
    String endsAt =
        status.equals("resolved") ? startsAt.plusSeconds(60).toString() : "0001-01-01T00:00:00Z";
    return """
        {"version":"4","status":"%s","receiver":"remedy","groupKey":"{}:{fp=\\"%s\\"}",\
        "truncatedAlerts":0,"groupLabels":{},"commonLabels":{%s},"commonAnnotations":{},\
        "externalURL":"http://alertmanager.example:9093","alerts":[{"status":"%s","labels":{%s},\
        "annotations":{"summary":"test"},"startsAt":"%s","endsAt":"%s",\
        "generatorURL":"http://prometheus.example/graph","fingerprint":"%s"}]}"""
        .formatted(status, fingerprint, labels, status, labels, startsAt, endsAt, fingerprint);
  }

  private static String json(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
