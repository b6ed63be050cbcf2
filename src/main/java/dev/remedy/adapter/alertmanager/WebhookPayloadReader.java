package dev.remedy.adapter.alertmanager;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import dev.remedy.api.Problem;
import dev.remedy.api.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parses and validates a webhook body. Every refusal is a 400 problem naming the field, as a path
 * into the payload ({@code alerts[1].startsAt}), so whoever wrote the sender can fix it.
 */
@ApplicationScoped
class WebhookPayloadReader {

  private final ObjectMapper json;
  private final Validator validator;

  WebhookPayloadReader(ObjectMapper json, Validator validator) {
    this.json = json;
    this.validator = validator;
  }

  WebhookPayloadV4 read(byte[] body) {
    WebhookPayloadV4 payload = parse(body);
    if (payload == null) {
      throw invalid("$", "the body is empty or JSON null; expected an Alertmanager notification");
    }
    Map<String, String> errors = new TreeMap<>(Comparator.naturalOrder());
    for (ConstraintViolation<WebhookPayloadV4> violation : validator.validate(payload)) {
      errors.putIfAbsent(path(violation.getPropertyPath()), violation.getMessage());
    }
    if (!errors.isEmpty()) {
      Map.Entry<String, String> first = errors.entrySet().iterator().next();
      throw new ProblemException(
          problem(first.getKey(), first.getValue())
              .with(
                  "errors",
                  errors.entrySet().stream()
                      .map(e -> Map.of("field", e.getKey(), "message", e.getValue()))
                      .toList()));
    }
    return payload;
  }

  private WebhookPayloadV4 parse(byte[] body) {
    try {
      return json.readValue(body, WebhookPayloadV4.class);
    } catch (JsonParseException e) {
      throw invalid(
          "$",
          "malformed JSON at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr());
    } catch (JsonMappingException e) {
      throw invalid(path(e.getPath()), expectation(e));
    } catch (JsonProcessingException e) {
      throw invalid("$", "not valid JSON");
    } catch (IOException e) {
      throw new IllegalStateException("reading a byte array cannot fail", e);
    }
  }

  private static String expectation(JsonMappingException e) {
    Class<?> target = e instanceof InvalidFormatException format ? format.getTargetType() : null;
    if (target == Instant.class) {
      return "not an RFC 3339 timestamp";
    }
    if (e.getPath().isEmpty()) {
      return "expected a JSON object";
    }
    return "has the wrong JSON type";
  }

  private static String path(List<JsonMappingException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : references) {
      if (reference.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "$" : path.toString();
  }

  private static String path(Path propertyPath) {
    StringBuilder path = new StringBuilder();
    for (Path.Node node : propertyPath) {
      String name = node.getName();
      if (node.getIndex() != null) {
        path.append('[').append(node.getIndex()).append(']');
      }
      if (name != null && !name.startsWith("<")) {
        path.append(path.isEmpty() ? "" : ".").append(name);
      }
    }
    return path.isEmpty() ? "$" : path.toString();
  }

  private static ProblemException invalid(String field, String message) {
    return new ProblemException(problem(field, message));
  }

  private static Problem problem(String field, String message) {
    return Problem.of(
            "invalid-payload",
            "Invalid Alertmanager notification",
            Response.Status.BAD_REQUEST,
            field + ": " + message)
        .with("field", field);
  }
}
