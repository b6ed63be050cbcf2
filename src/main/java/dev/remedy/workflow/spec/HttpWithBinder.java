package dev.remedy.workflow.spec;

import dev.remedy.template.Template;
import dev.remedy.workflow.spec.NodeReader.Entry;
import dev.remedy.workflow.spec.NodeReader.Fields;
import dev.remedy.workflow.spec.NodeReader.Item;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Binds the {@code with:} of an {@code http} step. The URL's scheme and host must be written
 * literally: templates may fill its path and query, never choose where a request goes.
 */
final class HttpWithBinder {

  static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");
  static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}");
  static final Set<String> RESERVED_HEADERS =
      Set.of("host", "content-length", "transfer-encoding", "connection");

  private static final Map<String, String> METHOD_CHOICES = new LinkedHashMap<>();

  static {
    METHODS.forEach(m -> METHOD_CHOICES.put(m, m));
  }

  private final NodeReader nodes;
  private final ScalarReader scalars;
  private final Problems problems;

  HttpWithBinder(NodeReader nodes, ScalarReader scalars) {
    this.nodes = nodes;
    this.scalars = scalars;
    this.problems = nodes.problems();
  }

  WithSpec.Http bind(Fields f) {
    Optional<Value<Template>> url =
        f.get("url").flatMap(n -> scalars.template(n, f.path("url"), false));
    url.ifPresent(this::checkUrl);
    List<WithSpec.Header> headers = new ArrayList<>();
    for (Entry entry :
        f.get("headers").flatMap(n -> nodes.map(n, f.path("headers"))).orElse(List.of())) {
      Value<String> name = new Value<>(entry.key(), entry.field(), entry.keySpan());
      if (!HEADER_NAME.matcher(entry.key()).matches()) {
        problems.add(name, "\"" + entry.key() + "\" is not a valid header name");
      } else if (RESERVED_HEADERS.contains(entry.key().toLowerCase(Locale.ROOT))) {
        problems.add(name, "header " + entry.key() + " is set by remedy, not by workflows");
      }
      scalars
          .template(entry.value(), entry.field(), true)
          .ifPresent(v -> headers.add(new WithSpec.Header(entry.key(), v)));
    }
    return new WithSpec.Http(
        f.get("method").flatMap(n -> scalars.choice(n, f.path("method"), "method", METHOD_CHOICES)),
        url,
        headers,
        f.get("body").flatMap(n -> scalars.template(n, f.path("body"), true)),
        f.get("expectStatus").map(n -> statuses(n, f.path("expectStatus"))).orElse(List.of()));
  }

  private void checkUrl(Value<Template> url) {
    String source = url.value().source();
    int scheme = source.startsWith("https://") ? 8 : source.startsWith("http://") ? 7 : -1;
    if (scheme < 0) {
      problems.add(url, "must start with https:// or http://");
      return;
    }
    int end = scheme;
    while (end < source.length() && "/?#".indexOf(source.charAt(end)) < 0) {
      end++;
    }
    int template = source.substring(0, end).indexOf("{{");
    if (template >= 0) {
      problems.add(
          url.span().atChar(template + 1),
          url.field(),
          "the scheme and host of a url are written literally, not templated (alert data must not"
              + " choose where requests go)");
    } else if (end == scheme) {
      problems.add(url, "has no host");
    }
  }

  /** A status or a list of statuses. */
  private List<Value<Integer>> statuses(Node node, String field) {
    if (!(node instanceof SequenceNode)) {
      return scalars.integer(node, field, 100, 599).stream().toList();
    }
    List<Value<Integer>> statuses = new ArrayList<>();
    for (Item item : nodes.list(node, field, 1).orElse(List.of())) {
      scalars.integer(item.node(), item.field(), 100, 599).ifPresent(statuses::add);
    }
    return statuses;
  }
}
