package dev.remedy.run;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Records the requests sent; answers the queued statuses, then 200. */
final class FakeHttp implements OutboundHttp {

  record Request(
      IdempotencyKey key,
      String method,
      String url,
      Map<String, String> headers,
      Optional<String> body,
      Duration timeout) {}

  private final List<Request> requests = new ArrayList<>();
  private final Deque<Integer> statuses = new ArrayDeque<>();

  synchronized void answer(int... next) {
    for (int status : next) {
      statuses.add(status);
    }
  }

  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  @Override
  public synchronized int call(
      IdempotencyKey key,
      String method,
      String url,
      Map<String, String> headers,
      Optional<String> body,
      Duration timeout) {
    requests.add(new Request(key, method, url, Map.copyOf(headers), body, timeout));
    Integer status = statuses.poll();
    return status == null ? 200 : status;
  }
}
