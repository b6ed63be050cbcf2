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

/**
 * One alert state. Table {@code alert}, see V1__alerts.sql.
 *
 * <p>The label and annotation maps are {@link Immutable}: written once (by {@link IngestRows}, in
 * plain JDBC), never changed. Otherwise Hibernate keeps a deep copy of each for dirty checking,
 * made through the converter (to JSON and back), for every row it loads.
 */
@Entity
@Table(name = "alert")
public class AlertEntity {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "alert_seq")
  @SequenceGenerator(name = "alert_seq", sequenceName = "alert_seq", allocationSize = 50)
  public Long id;

  @Column(name = "state_key", nullable = false, length = 64)
  public String stateKey;

  @Column(nullable = false, length = 128)
  public String fingerprint;

  @Column(nullable = false, length = 16)
  public String status;

  @Convert(converter = LabelsJsonConverter.class)
  @Immutable
  @Column(nullable = false, length = 1048576)
  public SortedMap<String, String> labels;

  @Convert(converter = LabelsJsonConverter.class)
  @Immutable
  @Column(nullable = false, length = 1048576)
  public SortedMap<String, String> annotations;

  @Column(name = "starts_at", nullable = false)
  public Instant startsAt;

  @Column(name = "ends_at")
  public Instant endsAt;

  @Column(name = "generator_url", nullable = false, length = 8192)
  public String generatorUrl;

  @Column(nullable = false, length = 1024)
  public String receiver;

  @Column(name = "group_key", nullable = false, length = 8192)
  public String groupKey;

  @Column(name = "notification_id", nullable = false)
  public Long notificationId;

  @Column(name = "received_at", nullable = false)
  public Instant receivedAt;

  @Column(name = "last_notified_at", nullable = false)
  public Instant lastNotifiedAt;
}
