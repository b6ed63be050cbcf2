package dev.remedy.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Entry point of the packaged application. {@code validate} and {@code simulate} are answered
 * before Quarkus starts, from the plain-Java loader and planner, so they open no port and touch no
 * database; anything else starts the service.
 */
@QuarkusMain
public class RemedyMain {

  public static void main(String... args) {
    if (args.length > 0 && Commands.handles(args[0])) {
      PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
      PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
      System.exit(Commands.run(args, out, err));
    }
    Quarkus.run(args);
  }
}
