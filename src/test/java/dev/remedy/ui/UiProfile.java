package dev.remedy.ui;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The UI tests' workflows (src/test/resources/ui-workflows, one of them broken). */
public class UiProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "remedy.workflows.dir", "src/test/resources/ui-workflows",
        "remedy.engine.sweep-interval", "200ms",
        "remedy.engine.poll-interval", "200ms",
        "remedy.engine.park-recheck", "500ms",
        "remedy.approvers.groups.sre", "april,abe");
  }
}
