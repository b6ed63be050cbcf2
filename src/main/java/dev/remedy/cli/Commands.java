package dev.remedy.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** Dispatches the command-line commands; exit codes: 0 fine, 1 problems found, 2 bad usage. */
final class Commands {

  static final int OK = 0;
  static final int PROBLEMS = 1;
  static final int USAGE = 2;

  private static final String USAGE_TEXT =
      """
      usage: remedy validate <file-or-directory>...
               check workflow files; prints file:line:column field: message per error
             remedy simulate <alertmanager-payload.json> [--workflows <directory>]
               print, as JSON, which workflows the notification's alerts would start and the
               rendered plans (default directory: workflows)
             remedy (no command) starts the service
      """;

  private Commands() {}

  static boolean handles(String command) {
    return List.of("validate", "simulate", "help", "--help", "-h").contains(command);
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    return switch (args[0]) {
      case "validate" -> new ValidateCommand(out, err).run(rest);
      case "simulate" -> new SimulateCommand(out, err).run(rest);
      default -> {
        out.print(USAGE_TEXT);
        yield OK;
      }
    };
  }

  static int usage(PrintStream err, String problem) {
    err.println("remedy: " + problem);
    err.print(USAGE_TEXT);
    return USAGE;
  }
}
