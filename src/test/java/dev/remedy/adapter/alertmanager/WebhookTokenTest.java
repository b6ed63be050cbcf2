package dev.remedy.adapter.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookTokenTest {

  private final WebhookToken token = new WebhookToken("s3cret");

  @Test
  void bearerWithTheTokenIsAccepted() {
    assertThat(token.acceptsHeader("Bearer s3cret")).isTrue();
    assertThat(token.acceptsHeader("bearer s3cret")).isTrue();
  }

  @Test
  void basicWithTheTokenAsPasswordIsAccepted() {
    assertThat(token.acceptsHeader("Basic " + basic("alertmanager:s3cret"))).isTrue();
    assertThat(token.acceptsHeader("Basic " + basic(":s3cret"))).isTrue();
  }

  @Test
  void anythingElseIsRefused() {
    assertThat(token.acceptsHeader(null)).isFalse();
    assertThat(token.acceptsHeader("")).isFalse();
    assertThat(token.acceptsHeader("s3cret")).isFalse();
    assertThat(token.acceptsHeader("Bearer s3cre")).isFalse();
    assertThat(token.acceptsHeader("Bearer s3crett")).isFalse();
    assertThat(token.acceptsHeader("Basic " + basic("s3cret"))).isFalse();
    assertThat(token.acceptsHeader("Basic " + basic("s3cret:other"))).isFalse();
    assertThat(token.acceptsHeader("Basic %%%")).isFalse();
    assertThat(token.acceptsHeader("Digest s3cret")).isFalse();
  }

  private static String basic(String credentials) {
    return Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }
}
