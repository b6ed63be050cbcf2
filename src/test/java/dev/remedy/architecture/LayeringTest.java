package dev.remedy.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The domain packages hold plain Java: no HTTP, JPA, Fabric8, Slack, Vert.x or Quarkus runtime. CDI
 * and JTA annotations are allowed (they describe, they do not couple to an adapter).
 */
class LayeringTest {

  private static final String[] DOMAIN = {
    "dev.remedy.alert..",
    "dev.remedy.matching..",
    "dev.remedy.workflow..",
    "dev.remedy.template..",
    "dev.remedy.run..",
    "dev.remedy.guard..",
    "dev.remedy.approval..",
    "dev.remedy.cluster..",
    "dev.remedy.audit.."
  };

  private static final String[] ADAPTER_TECHNOLOGY = {
    "jakarta.persistence..",
    "jakarta.ws.rs..",
    "org.hibernate..",
    "io.quarkus..",
    "io.vertx..",
    "io.fabric8..",
    "com.slack..",
    "io.micrometer..",
    "com.fasterxml.jackson..",
    "org.eclipse.microprofile.rest.client..",
    "org.jboss.resteasy..",
    "dev.remedy.adapter..",
    "dev.remedy.api..",
    "dev.remedy.ui.."
  };

  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.remedy");

  @Test
  void domainImportsNoAdapterTechnology() {
    noClasses()
        .that()
        .resideInAnyPackage(DOMAIN)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(ADAPTER_TECHNOLOGY)
        .because("house-style.md: domain by feature, adapters by external system")
        .check(classes);
  }

  @Test
  void adaptersDoNotDependOnEachOther() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.remedy.adapter.alertmanager..", "dev.remedy.adapter.slack..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.remedy.adapter.persistence..")
        .check(classes);
  }
}
