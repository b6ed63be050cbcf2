package dev.remedy.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.remedy.alert.LabelSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The conformance table against the real peer: every row that matches or not is routed by
 * Alertmanager's own {@code amtool config routes test} (Debian's 0.25), with the row's matchers on
 * a child route, and Alertmanager must decide as we do. Rows its classic parser cannot read (quoted
 * UTF-8 label names arrived in 0.27) are counted, not compared.
 */
class MatcherAlertmanagerE2E {

  private static final Path AMTOOL = Path.of("/usr/bin/amtool");

  @TempDir Path dir;

  @Test
  void alertmanagerRoutesEveryTableRowAsWeMatchIt() throws Exception {
    assumeTrue(Files.isExecutable(AMTOOL), "amtool is not installed (.ci/run installs it)");
    int compared = 0;
    List<String> unreadable = new ArrayList<>();
    List<String> disagreements = new ArrayList<>();
    for (Arguments row : MatcherConformanceTest.rows().toList()) {
      Object[] c = row.get();
      String input = (String) c[1];
      String expected = (String) c[4];
      if (!expected.equals("yes") && !expected.equals("no")) {
        continue;
      }
      List<String> strings = Arrays.asList(input.split("¦", -1));
      Path config = dir.resolve("am-" + c[0] + ".yml");
      Files.writeString(config, config(strings));
      Run check = amtool("check-config", config.toString());
      if (check.exitCode != 0) {
        unreadable.add("line " + c[0] + ": " + input);
        continue;
      }
      List<String> args = new ArrayList<>(List.of("config", "routes", "test"));
      args.add("--config.file=" + config);
      args.addAll(labelArgs(MatcherConformanceTest.labels((String) c[3])));
      Run routed = amtool(args.toArray(String[]::new));
      String verdict = routed.out.strip().equals("yes") ? "yes" : "no";
      compared++;
      if (!verdict.equals(expected)) {
        disagreements.add(
            "line " + c[0] + ": " + input + " with " + c[3] + ": Alertmanager says " + verdict);
      }
    }
    assertThat(disagreements).isEmpty();
    assertThat(compared).as("rows Alertmanager could read: %s", unreadable).isGreaterThan(60);
  }

  private static String config(List<String> matchers) {
    StringBuilder yaml = new StringBuilder("route:\n  receiver: \"no\"\n  routes:\n");
    yaml.append("    - receiver: \"yes\"\n      matchers:\n");
    matchers.forEach(m -> yaml.append("        - ").append(json(m)).append('\n'));
    return yaml.append("receivers: [{name: \"no\"}, {name: \"yes\"}]\n").toString();
  }

  /**
   * amtool reads its label arguments as matchers: {@code name="value"}. Its classic parser
   * unescapes only {@code \" \\ \n}, so a carriage return is passed as is.
   */
  private static List<String> labelArgs(LabelSet labels) {
    List<String> args = new ArrayList<>();
    for (Map.Entry<String, String> label : labels.asMap().entrySet()) {
      args.add(label.getKey() + "=" + json(label.getValue()).replace("\\r", "\r"));
    }
    return args;
  }

  private static String json(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> b.append(ch);
      }
    }
    return b.append('"').toString();
  }

  private record Run(int exitCode, String out) {}

  private Run amtool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(AMTOOL.toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "amtool", ".out");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("amtool did not answer: " + command);
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }
}
