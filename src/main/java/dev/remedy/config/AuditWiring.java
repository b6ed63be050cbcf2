package dev.remedy.config;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.remedy.audit.AuditTrail;
import dev.remedy.audit.AuditVerification;
import dev.remedy.audit.CheckpointSigner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/** Gives the domain's verifier a JSON parser (the domain takes no JSON library). */
@ApplicationScoped
public class AuditWiring {

  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
  private static final ObjectMapper JSON = new ObjectMapper();

  @Produces
  @ApplicationScoped
  AuditVerification verification(AuditTrail trail, AuditConfig config) {
    return new AuditVerification(trail, AuditWiring::parse, signer(config));
  }

  static Optional<CheckpointSigner> signer(AuditConfig config) {
    return CheckpointSigner.of(config.checkpointKey());
  }

  static Map<String, Object> parse(String json) {
    try {
      return JSON.readValue(json, OBJECT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
