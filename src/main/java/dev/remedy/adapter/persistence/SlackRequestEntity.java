package dev.remedy.adapter.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A Slack interactivity request already accepted, by its signature. Table {@code slack_request}.
 */
@Entity
@Table(name = "slack_request")
public class SlackRequestEntity {

  @Id
  @Column(length = 80)
  public String signature;

  @Column(name = "received_at", nullable = false)
  public Instant receivedAt;
}
