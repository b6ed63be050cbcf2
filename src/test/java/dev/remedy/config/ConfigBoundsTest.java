package dev.remedy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remedy.config.ConfigBounds.Bound;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.SmallRyeConfig;
import jakarta.inject.Inject;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The numeric settings start-up refuses when out of range, and that it names the real keys. */
@QuarkusTest
class ConfigBoundsTest {

  @Inject ConfigBounds bounds;
  @Inject SmallRyeConfig config;

  @Test
  void everyBoundNamesASettingOfTheServiceWithTheValueTheServiceUses() {
    assertThat(bounds.bounds()).hasSize(8);
    for (Bound bound : bounds.bounds()) {
      assertThat(config.getOptionalValue(bound.key(), Long.class))
          .as(bound.key())
          .hasValue(bound.value());
      assertThat(bound.holds()).as(bound.key() + " within its range by default").isTrue();
    }
  }

  @Test
  void valuesAtTheEndsOfTheirRangeAreAccepted() {
    assertThatNoException()
        .isThrownBy(
            () ->
                ConfigBounds.check(
                    Stream.of(
                        new Bound("remedy.engine.workers", 1, 1, 1024),
                        new Bound("remedy.engine.workers", 1024, 1, 1024),
                        new Bound("remedy.guards.max-actions-per-window", 0, 0, Long.MAX_VALUE))));
  }

  @Test
  void everyValueOutOfItsRangeIsNamedInOneRefusal() {
    assertThatThrownBy(
            () ->
                ConfigBounds.check(
                    Stream.of(
                        new Bound("remedy.engine.workers", 0, 1, 1024),
                        new Bound("remedy.ingest.queue-capacity", 1000, 1, 100_000),
                        new Bound("remedy.datasource.query-timeout-ms", -1, 0, Long.MAX_VALUE))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Configuration out of range: remedy.engine.workers is 0: it must be between 1 and"
                + " 1024; remedy.datasource.query-timeout-ms is -1: it must be at least 0");
  }
}
