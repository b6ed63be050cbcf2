package dev.remedy.audit;

/**
 * One line of an export or archive: {@code {"seq":N,"prevHash":"..","hash":"..","event":<body>}},
 * the body embedded byte for byte as it was hashed (docs/audit.md), so parsing {@code event} and
 * writing it canonically gives the hashed text back.
 */
public final class ExportLine {

  private ExportLine() {}

  public static String of(SealedEvent event) {
    return "{\"seq\":"
        + event.seq()
        + ",\"prevHash\":\""
        + event.prevHash()
        + "\",\"hash\":\""
        + event.hash()
        + "\",\"event\":"
        + event.body()
        + "}";
  }
}
