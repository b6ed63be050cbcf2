package dev.remedy.adapter.alertmanager;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.remedy.alert.Notification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Reads an Alertmanager notification outside the webhook: for simulation, in the API and on the
 * command line. The same parsing and checks as the webhook, so a payload that simulates is one the
 * webhook accepts.
 */
@ApplicationScoped
public class AlertmanagerPayloads {

  private final WebhookPayloadReader reader;

  AlertmanagerPayloads(WebhookPayloadReader reader) {
    this.reader = reader;
  }

  /**
   * Parses and checks a version-4 webhook body.
   *
   * @throws dev.remedy.api.ProblemException a 400 problem naming the offending field
   */
  public Notification read(byte[] body) {
    return WebhookPayloadMapper.toNotification(reader.read(body));
  }

  /** For the command line, where no CDI container runs: Jackson and Hibernate Validator as is. */
  public static AlertmanagerPayloads standalone() {
    JsonMapper json =
        JsonMapper.builder()
            .findAndAddModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    Validator validator =
        Validation.byDefaultProvider()
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory()
            .getValidator();
    return new AlertmanagerPayloads(new WebhookPayloadReader(json, validator));
  }
}
