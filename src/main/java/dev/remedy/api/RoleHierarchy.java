package dev.remedy.api;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Adds the roles a role implies, whichever mechanism authenticated the caller (embedded users,
 * OIDC), so each endpoint declares the one role it needs.
 */
@ApplicationScoped
public class RoleHierarchy implements SecurityIdentityAugmentor {

  private static final Map<String, Set<String>> IMPLIED =
      Map.of(
          Roles.ADMIN, Set.of(Roles.OPERATOR, Roles.APPROVER, Roles.VIEWER),
          Roles.OPERATOR, Set.of(Roles.VIEWER),
          Roles.APPROVER, Set.of(Roles.VIEWER));

  @Override
  public Uni<SecurityIdentity> augment(
      SecurityIdentity identity, AuthenticationRequestContext context) {
    if (identity.isAnonymous()) {
      return Uni.createFrom().item(identity);
    }
    Set<String> implied = new HashSet<>();
    identity.getRoles().forEach(role -> implied.addAll(IMPLIED.getOrDefault(role, Set.of())));
    implied.removeAll(identity.getRoles());
    if (implied.isEmpty()) {
      return Uni.createFrom().item(identity);
    }
    return Uni.createFrom()
        .item(QuarkusSecurityIdentity.builder(identity).addRoles(implied).build());
  }
}
