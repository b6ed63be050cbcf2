package dev.remedy.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.remedy.api.AuditResource;
import dev.remedy.audit.WorkflowVersion;
import io.quarkus.qute.TemplateExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the audit tables show of an event besides its columns: the fields of its {@code details},
 * one {@code name: value} each (nested values compact, long ones cut), and the workflow version it
 * concerns. The rest of the hashed body ({@code seq}, {@code at}, {@code type}, {@code actor},
 * {@code runId}) is what the other columns say; the templates keep the whole body one click away.
 *
 * <p>Read from the stored body, which went through the audit log's redaction before it was hashed:
 * nothing here can show more than the export does. A body that does not parse (a tampered row the
 * verifier will report) has no fields; its text is still shown as stored.
 *
 * @param fields the detail fields in the body's (canonical, sorted) order
 * @param workflow the version the event concerns, or null when it concerns none
 */
record EventDetails(List<Field> fields, WorkflowVersion workflow) {

  /** One detail field, its value written for reading. */
  record Field(String name, String value) {}

  /** The longest value shown; the body has the rest. */
  static final int MAX_VALUE = 300;

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final EventDetails NONE = new EventDetails(List.of(), null);

  /** {@code {e.details}} in a template, for an event of the API's audit list. */
  @TemplateExtension
  static EventDetails details(AuditResource.EventView event) {
    return of(event.body());
  }

  static EventDetails of(String body) {
    JsonNode root;
    try {
      root = body == null ? null : JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return NONE;
    }
    if (root == null || !root.isObject()) {
      return NONE;
    }
    List<Field> fields = new ArrayList<>();
    JsonNode details = root.path("details");
    for (Map.Entry<String, JsonNode> field : details.properties()) {
      fields.add(new Field(field.getKey(), cut(top(field.getValue()))));
    }
    JsonNode workflow = root.path("workflow");
    WorkflowVersion version =
        workflow.path("name").isTextual() && workflow.path("digest").isTextual()
            ? new WorkflowVersion(workflow.path("name").asText(), workflow.path("digest").asText())
            : null;
    return new EventDetails(List.copyOf(fields), version);
  }

  /** A top-level value: a list without brackets ({@code none} when empty), the rest compact. */
  private static String top(JsonNode value) {
    if (value.isArray()) {
      if (value.isEmpty()) {
        return "none";
      }
      List<String> items = new ArrayList<>(value.size());
      value.forEach(item -> items.add(compact(item)));
      return String.join(", ", items);
    }
    return compact(value);
  }

  /** Strings as they are, null and empty as a dash, lists {@code [a, b]}, maps {@code {k: v}}. */
  private static String compact(JsonNode value) {
    if (value.isNull()
        || value.isMissingNode()
        || (value.isTextual() && value.asText().isEmpty())) {
      return "—";
    }
    if (value.isArray()) {
      List<String> items = new ArrayList<>(value.size());
      value.forEach(item -> items.add(compact(item)));
      return "[" + String.join(", ", items) + "]";
    }
    if (value.isObject()) {
      List<String> members = new ArrayList<>(value.size());
      for (Map.Entry<String, JsonNode> member : value.properties()) {
        members.add(member.getKey() + ": " + compact(member.getValue()));
      }
      return "{" + String.join(", ", members) + "}";
    }
    return value.asText();
  }

  private static String cut(String text) {
    return UiFormats.abbrev(text, MAX_VALUE);
  }
}
