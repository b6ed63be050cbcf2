package dev.remedy.workflow.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.remedy.workflow.spec.Fixtures.Fixture;
import dev.remedy.workflow.spec.Fixtures.SchemaVerdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * The published JSON Schema cannot drift from the loader: its objects have exactly the keys of the
 * binder's table, every example validates under it, and every fixture gets the verdict it declares.
 */
class WorkflowSchemaTest {

  private static final Path SCHEMA_FILE = Fixtures.EXAMPLES.resolve("schema/workflow.schema.json");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode schemaJson() throws IOException {
    return JSON.readTree(SCHEMA_FILE.toFile());
  }

  private static JsonSchema schema() throws IOException {
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaJson());
  }

  /** A workflow file read as plain YAML (same core schema as the loader) and turned into JSON. */
  private static JsonNode yamlAsJson(byte[] content) {
    LoadSettings settings =
        LoadSettings.builder().setSchema(new CoreSchema()).setAllowDuplicateKeys(false).build();
    Object yaml = new Load(settings).loadFromString(new String(content, StandardCharsets.UTF_8));
    return JSON.valueToTree(yaml);
  }

  @Test
  void everyObjectOfTheSchemaHasExactlyTheKeysTheBinderAccepts() throws IOException {
    JsonNode defs = schemaJson().get("$defs");
    Set<String> objects = new TreeSet<>();
    defs.properties()
        .forEach(
            e -> {
              if (e.getValue().has("properties")) {
                objects.add(e.getKey());
              }
            });
    assertThat(objects)
        .as("$defs with properties = the binder's shapes")
        .containsExactlyInAnyOrderElementsOf(SpecShapes.ALL.stream().map(Shape::name).toList());
    for (Shape shape : SpecShapes.ALL) {
      JsonNode def = defs.get(shape.name());
      List<String> keys = new ArrayList<>();
      def.get("properties").fieldNames().forEachRemaining(keys::add);
      List<String> required = new ArrayList<>();
      if (def.has("required")) {
        def.get("required").forEach(r -> required.add(r.asText()));
      }
      assertThat(keys).as(shape.name() + " properties").containsExactlyElementsOf(shape.keys());
      assertThat(required)
          .as(shape.name() + " required")
          .containsExactlyInAnyOrderElementsOf(shape.required());
      assertThat(def.get("additionalProperties").asBoolean(true))
          .as(shape.name() + " additionalProperties")
          .isFalse();
    }
  }

  @Test
  void theSchemaKnowsEveryActionAndWhatItTakes() throws IOException {
    JsonNode step = schemaJson().get("$defs").get("step");
    List<String> actions = new ArrayList<>();
    step.get("properties").get("action").get("enum").forEach(a -> actions.add(a.asText()));
    assertThat(actions).containsExactlyElementsOf(StepBinder.ACTIONS.keySet());
    for (JsonNode rule : step.get("allOf")) {
      JsonNode action = rule.at("/if/properties/action/const");
      if (action.isMissingNode()) {
        continue;
      }
      var type = StepBinder.ACTIONS.get(action.asText());
      JsonNode with = rule.at("/then/properties/with");
      String expectedWith = SpecShapes.with(type).map(s -> "#/$defs/" + s.name()).orElse("false");
      assertThat(with.has("$ref") ? with.get("$ref").asText() : with.asText())
          .as(action.asText() + " with")
          .isEqualTo(expectedWith);
      List<String> kinds = new ArrayList<>();
      rule.at("/then/properties/target/properties/kind/enum").forEach(k -> kinds.add(k.asText()));
      assertThat(kinds)
          .as(action.asText() + " kinds")
          .containsExactlyElementsOf(type.targetKinds().stream().map(k -> k.kind()).toList());
    }
  }

  @ParameterizedTest
  @MethodSource("dev.remedy.workflow.spec.Fixtures#examples")
  void everyExampleIsValidUnderTheSchema(Path example) throws IOException {
    Set<ValidationMessage> errors = schema().validate(yamlAsJson(Fixtures.read(example)));
    assertThat(errors).as(example.toString()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("dev.remedy.workflow.spec.Fixtures#invalid")
  void everyFixtureGetsTheSchemaVerdictItDeclares(Fixture fixture) throws IOException {
    if (fixture.schema() == SchemaVerdict.UNREADABLE) {
      return; // not plain YAML: nothing to validate
    }
    Set<ValidationMessage> errors = schema().validate(yamlAsJson(fixture.content()));
    if (fixture.schema() == SchemaVerdict.INVALID) {
      assertThat(errors).as(fixture.name() + " fails the schema").isNotEmpty();
    } else {
      assertThat(errors)
          .as(fixture.name() + " passes the schema (only the loader catches it)")
          .isEmpty();
    }
  }
}
