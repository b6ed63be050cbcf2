package dev.remedy.adapter.slack;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/** Every log line written while it is open, formatted, with the message of any exception. */
final class CapturedLogs extends Handler implements AutoCloseable {

  private final List<String> lines = new CopyOnWriteArrayList<>();

  CapturedLogs() {
    setLevel(Level.ALL);
    Logger.getLogger("").addHandler(this);
  }

  @Override
  public void publish(LogRecord record) {
    String message =
        record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
    Throwable thrown = record.getThrown();
    lines.add(record.getLoggerName() + " " + message + (thrown == null ? "" : " " + thrown));
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    Logger.getLogger("").removeHandler(this);
  }
}
