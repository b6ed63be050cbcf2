package dev.remedy.run;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The engine's workflows (src/test/resources/engine-workflows) and a fast sweep. */
public class EngineProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "remedy.workflows.dir", "src/test/resources/engine-workflows",
        "remedy.engine.sweep-interval", "200ms",
        "remedy.engine.poll-interval", "200ms",
        "remedy.engine.park-recheck", "500ms",
        "remedy.http.allowed-hosts", "127.0.0.1",
        "remedy.http.allow-private-addresses", "true",
        "remedy.approvers.groups.sre", "april,abe,U0SRE0001");
  }
}
