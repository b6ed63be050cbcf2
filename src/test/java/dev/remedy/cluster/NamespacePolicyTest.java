package dev.remedy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NamespacePolicyTest {

  @Test
  void byDefaultEveryNamespaceButKubeSystem() {
    assertThat(NamespacePolicy.DEFAULT.refusal("shop")).isEmpty();
    assertThat(NamespacePolicy.DEFAULT.refusal("kube-system"))
        .contains(
            "namespace kube-system is refused unless remedy.kubernetes.allowed-namespaces lists it");
  }

  @Test
  void aConfiguredListIsTheWholeTruth() {
    NamespacePolicy policy = NamespacePolicy.of(Optional.of(List.of(" shop", "kube-system ", "")));
    assertThat(policy.refusal("shop")).isEmpty();
    assertThat(policy.refusal("kube-system")).isEmpty();
    assertThat(policy.refusal("billing"))
        .contains(
            "namespace billing is not in remedy.kubernetes.allowed-namespaces [kube-system, shop]");
  }
}
