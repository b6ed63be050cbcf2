package dev.remedy.audit;

import java.util.Objects;

/**
 * Who caused an event, by a stable id: {@code system} (the service itself: engine, scheduler,
 * start-up), {@code user:<principal>} (an API or UI user), {@code slack:<user id>} (a Slack user
 * clicking a button), {@code alertmanager:<receiver>} (a webhook delivery).
 */
public record Actor(String id) {

  public static final Actor SYSTEM = new Actor("system");

  public Actor {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("an actor has an id");
    }
  }

  public static Actor user(String principal) {
    return new Actor("user:" + principal);
  }

  public static Actor slack(String userId) {
    return new Actor("slack:" + userId);
  }

  public static Actor alertmanager(String receiver) {
    return new Actor("alertmanager:" + receiver);
  }

  @Override
  public String toString() {
    return id;
  }
}
