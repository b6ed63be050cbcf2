package dev.remedy.alert;

import java.util.List;
import java.util.Optional;

/** One page of stored alert states and, when there may be more, the cursor of the next page. */
public record AlertPage(List<StoredAlert> items, Optional<AlertCursor> next) {

  public AlertPage {
    items = List.copyOf(items);
  }
}
