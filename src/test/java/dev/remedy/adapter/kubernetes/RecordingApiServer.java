package dev.remedy.adapter.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Fabric8 mock API server in CRUD mode, plus two things the tests need from it:
 *
 * <ul>
 *   <li>{@code dryRun=All} as the real API server does it: a write is answered with the stored
 *       object (404 if there is none) and persisted nowhere. The CRUD mock ignores the parameter
 *       and would apply the write.
 *   <li>a log of every request (method and path), to check what the adapter sends and which RBAC
 *       permissions it needs;
 *   <li>on demand, watches refused (403), as by a role without {@code watch}.
 * </ul>
 */
final class RecordingApiServer implements AutoCloseable {

  /** One request as the API server saw it. */
  record Request(String method, String path) {

    boolean isWrite() {
      return !method.equals("GET");
    }

    /** A watch: a GET of a collection asking for the changes from then on. */
    boolean isWatch() {
      return method.equals("GET") && path.contains("watch=true");
    }

    boolean isDryRun() {
      return path.contains("dryRun=All");
    }

    String pathWithoutQuery() {
      int query = path.indexOf('?');
      return query < 0 ? path : path.substring(0, query);
    }
  }

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile boolean refuseWatches;

  RecordingApiServer() {
    KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher(List.of());
    Dispatcher dispatcher =
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            Request request = new Request(r.getMethod(), r.getPath());
            requests.add(request);
            if (request.isWatch() && refuseWatches) {
              return new MockResponse()
                  .setResponseCode(403)
                  .setBody(
                      "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                          + "\"reason\":\"Forbidden\",\"code\":403,\"message\":\"cannot watch\"}");
            }
            if (request.isWrite() && request.isDryRun()) {
              return crud.handleGet(request.pathWithoutQuery());
            }
            return crud.dispatch(r);
          }
        };
    server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init();
    client = server.createClient();
  }

  KubernetesClient client() {
    return client;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  List<Request> writes() {
    return requests.stream().filter(Request::isWrite).toList();
  }

  /** Answers every watch 403, as for a role without the {@code watch} verb. */
  void refuseWatches() {
    refuseWatches = true;
  }

  void forgetRequests() {
    requests.clear();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
