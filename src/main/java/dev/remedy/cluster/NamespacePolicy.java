package dev.remedy.cluster;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The namespaces workflows may touch ({@code remedy.kubernetes.allowed-namespaces}). A target's
 * namespace comes from a param that alert labels may fill: this is the last word on where an action
 * may go, checked before every call to the cluster.
 *
 * @param allowed the namespaces allowed; empty means every namespace except {@link
 *     #DENIED_BY_DEFAULT}
 */
public record NamespacePolicy(Optional<Set<String>> allowed) {

  /** Refused unless listed explicitly. */
  public static final Set<String> DENIED_BY_DEFAULT = Set.of("kube-system");

  public static final NamespacePolicy DEFAULT = new NamespacePolicy(Optional.empty());

  public NamespacePolicy {
    allowed = allowed.map(TreeSet::new).map(Set::copyOf);
  }

  public static NamespacePolicy of(Optional<List<String>> configured) {
    return new NamespacePolicy(
        configured.map(
            names ->
                Set.copyOf(names.stream().map(String::trim).filter(n -> !n.isEmpty()).toList())));
  }

  /** Why a workflow may not act in {@code namespace}, or empty when it may. */
  public Optional<String> refusal(String namespace) {
    if (allowed.isPresent()) {
      return allowed.get().contains(namespace)
          ? Optional.empty()
          : Optional.of(
              "namespace "
                  + namespace
                  + " is not in remedy.kubernetes.allowed-namespaces "
                  + new TreeSet<>(allowed.get()));
    }
    return DENIED_BY_DEFAULT.contains(namespace)
        ? Optional.of(
            "namespace "
                + namespace
                + " is refused unless remedy.kubernetes.allowed-namespaces lists it")
        : Optional.empty();
  }
}
