package dev.remedy.adapter.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.SortedMap;
import org.hibernate.annotations.Immutable;

/** One distinct Alertmanager delivery. Table {@code notification}, see V1__alerts.sql. */
@Entity
@Table(name = "notification")
public class NotificationEntity {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "notification_seq")
  @SequenceGenerator(
      name = "notification_seq",
      sequenceName = "notification_seq",
      allocationSize = 50)
  public Long id;

  @Column(name = "delivery_key", nullable = false, length = 64)
  public String deliveryKey;

  @Column(nullable = false, length = 1024)
  public String receiver;

  @Column(nullable = false, length = 16)
  public String status;

  @Column(name = "group_key", nullable = false, length = 8192)
  public String groupKey;

  @Convert(converter = LabelsJsonConverter.class)
  @Immutable
  @Column(name = "group_labels", nullable = false, length = 1048576)
  public SortedMap<String, String> groupLabels;

  @Convert(converter = LabelsJsonConverter.class)
  @Immutable
  @Column(name = "common_labels", nullable = false, length = 1048576)
  public SortedMap<String, String> commonLabels;

  @Convert(converter = LabelsJsonConverter.class)
  @Immutable
  @Column(name = "common_annotations", nullable = false, length = 1048576)
  public SortedMap<String, String> commonAnnotations;

  @Column(name = "external_url", nullable = false, length = 8192)
  public String externalUrl;

  @Column(name = "truncated_alerts", nullable = false)
  public int truncatedAlerts;

  @Column(name = "alert_count", nullable = false)
  public int alertCount;

  @Column(name = "received_at", nullable = false)
  public Instant receivedAt;

  @Column(name = "last_received_at", nullable = false)
  public Instant lastReceivedAt;

  @Column(nullable = false)
  public int deliveries;
}
