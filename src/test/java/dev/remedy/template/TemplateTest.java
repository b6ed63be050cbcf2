package dev.remedy.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplateTest {

  private static final Map<String, String> VALUES =
      Map.of(
          "labels.namespace", "Shop",
          "labels.Service Name", "checkout",
          "labels.empty", "",
          "params.deployment", "api-server",
          "steps.wait-ready.status", "200",
          "labels.quote", "say \"hi\"\n");

  private static final TemplateScope SCOPE =
      path -> Optional.ofNullable(VALUES.get(String.join(".", path)));

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiterString = " ~> ",
      quoteCharacter = '`',
      value = {
        "plain text ~> plain text",
        "{{labels.namespace}} ~> Shop",
        "ns={{ labels.namespace }}! ~> ns=Shop!",
        "{{ labels.namespace | lower }} ~> shop",
        "{{ labels.namespace | upper }} ~> SHOP",
        "{{ labels.team | default(\"sre\") }} ~> sre",
        "{{ labels.empty | default('none') }} ~> none",
        "{{ labels.namespace | default(\"x\") }} ~> Shop",
        "{{ labels.team | lower | default(\"A\") }} ~> A",
        "{{ labels.team | default(\"ABC\") | lower }} ~> abc",
        "{{ params.deployment | trunc(3) }} ~> api",
        "{{ params.deployment | trunc(63) }} ~> api-server",
        "{{ labels[\"Service Name\"] }} ~> checkout",
        "{{ steps.wait-ready.status }} ~> 200",
        "{{ \"{{\" }} literal ~> {{ literal",
        "a }} b ~> a }} b",
        "{{labels.namespace}}/{{params.deployment}} ~> Shop/api-server",
        "{\"cause\": \"{{ labels.quote | json }}\"} ~> {\"cause\": \"say \\\"hi\\\"\\n\"}",
      })
  void renders(String source, String expected) throws Exception {
    assertThat(Template.parse(source).render(SCOPE)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " ~> ",
      quoteCharacter = '`',
      value = {
        "{{ labels.namespace ~> 1 ~> unclosed \"{{\" (expected \"}}\")",
        "x {{ }} ~> 3 ~> empty expression",
        "{{ labels.namespace | lowercase }} ~> 23 ~> unknown filter \"lowercase\" (expected one of"
            + " lower, upper, default, trunc, json)",
        "{{ labels.ns | default }} ~> 16 ~> filter default needs an argument, e.g."
            + " default(\"none\")",
        "{{ labels.ns | default(3) }} ~> 24 ~> filter default takes a quoted string, e.g."
            + " default(\"none\")",
        "{{ labels.ns | trunc(\"a\") }} ~> 22 ~> filter trunc takes a whole number, e.g. trunc(63)",
        "{{ labels.ns | }} ~> 16 ~> expected a filter after \"|\" (one of lower, upper,"
            + " default, trunc, json)",
        "{{ labels..ns }} ~> 11 ~> expected a name after \".\", found \".\"",
        "{{ labels.ns.x() }} ~> 15 ~> unexpected \"(\" (expected \"|\" or \"}}\")",
        "{{ 1abc }} ~> 4 ~> expected a variable such as labels.namespace," + " found \"1\"",
        "{{ \"open }} ~> 4 ~> unterminated string",
        "{{ labels[ns] }} ~> 11 ~> expected a quoted name after \"[\", e.g."
            + " labels[\"Service Name\"]",
        "{{ labels.a.getClass() }} ~> 21 ~> unexpected \"(\" (expected \"|\" or \"}}\")",
      })
  void rejectsMalformedTemplates(String source, int column, String message) {
    assertThatThrownBy(() -> Template.parse(source))
        .isInstanceOfSatisfying(
            TemplateSyntaxException.class,
            e -> {
              assertThat(e.getMessage()).isEqualTo(message);
              assertThat(e.column()).isEqualTo(column);
            });
  }

  @Test
  void aMissingValueIsAnErrorNeverAnEmptyString() throws Exception {
    Template template = Template.parse("restart {{ labels.deployment }}");
    assertThatThrownBy(() -> template.render(SCOPE))
        .isInstanceOfSatisfying(
            TemplateRenderException.class,
            e -> {
              assertThat(e.getMessage()).isEqualTo("variable labels.deployment has no value");
              assertThat(e.variable()).isEqualTo("labels.deployment");
            });
  }

  @Test
  void exposesItsVariablesWithColumnsForTheLoadTimeCheck() throws Exception {
    Template template =
        Template.parse("{{ labels.namespace }}/{{ params.x | default(\"y\") }}{{ \"lit\" }}");
    assertThat(template.variables())
        .containsExactly(
            new VariableRef(List.of("labels", "namespace"), 4, false),
            new VariableRef(List.of("params", "x"), 27, true));
    assertThat(template.isLiteral()).isFalse();
    assertThat(Template.parse("no {{ \"vars\" }}").isLiteral()).isTrue();
  }

  @Test
  void truncCountsCodePointsNotChars() throws Exception {
    TemplateScope scope = path -> Optional.of("🚀🚀🚀");
    assertThat(Template.parse("{{ labels.x | trunc(2) }}").render(scope)).isEqualTo("🚀🚀");
  }
}
