package dev.remedy.adapter.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The text of a workflow version a run executes. Table {@code workflow_version}. */
@Entity
@Table(name = "workflow_version")
public class WorkflowVersionEntity {

  @Id
  @Column(length = 80)
  public String digest;

  @Column(nullable = false, length = 253)
  public String name;

  @Column(nullable = false, length = 1024)
  public String file;

  @Column(nullable = false, length = 1048576)
  public String source;

  @Column(name = "first_seen", nullable = false)
  public Instant firstSeen;
}
