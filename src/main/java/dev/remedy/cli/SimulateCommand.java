package dev.remedy.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.remedy.adapter.alertmanager.AlertmanagerPayloads;
import dev.remedy.alert.Notification;
import dev.remedy.api.ProblemException;
import dev.remedy.api.SimulateResource.SimulationView;
import dev.remedy.workflow.Catalog;
import dev.remedy.workflow.LoadResult;
import dev.remedy.workflow.spec.WorkflowFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * {@code remedy simulate <payload.json> [--workflows <dir>]}: the same answer as {@code POST
 * /api/v1/simulate}, as JSON on standard output. Exit 1 when the payload or a workflow file is
 * invalid (the valid workflows are still simulated).
 */
final class SimulateCommand {

  private final PrintStream out;
  private final PrintStream err;

  SimulateCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(List<String> args) {
    String payloadFile = null;
    String workflows = "workflows";
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--workflows")) {
        if (i + 1 == args.size()) {
          return Commands.usage(err, "--workflows needs a directory");
        }
        workflows = args.get(++i);
      } else if (arg.startsWith("--workflows=")) {
        workflows = arg.substring("--workflows=".length());
      } else if (payloadFile == null && !arg.startsWith("-")) {
        payloadFile = arg;
      } else {
        return Commands.usage(err, "unexpected argument " + arg);
      }
    }
    if (payloadFile == null) {
      return Commands.usage(err, "simulate needs an Alertmanager payload file");
    }
    try {
      Notification notification =
          AlertmanagerPayloads.standalone().read(Files.readAllBytes(Path.of(payloadFile)));
      List<Catalog.FileRead> reads =
          WorkflowFiles.readDirectory(Path.of(workflows), ValidateCommand.trimSlash(workflows));
      boolean invalid = false;
      for (Catalog.FileRead read : reads) {
        if (read.result() instanceof LoadResult.Invalid bad) {
          invalid = true;
          bad.errors().forEach(e -> err.println(e + " (this file is left out of the simulation)"));
        }
      }
      Catalog catalog = Catalog.EMPTY.update(reads, Instant.now());
      JsonMapper json =
          JsonMapper.builder()
              .findAndAddModules()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .build();
      out.println(json.writeValueAsString(SimulationView.of(catalog, notification)));
      return invalid ? Commands.PROBLEMS : Commands.OK;
    } catch (ProblemException e) {
      err.println("remedy: " + payloadFile + ": " + e.problem().detail());
      return Commands.PROBLEMS;
    } catch (IOException e) {
      err.println("remedy: " + e.getMessage());
      return Commands.PROBLEMS;
    }
  }
}
