package dev.remedy.config;

import dev.remedy.approval.Approvers;
import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.List;
import java.util.Map;

/** Who may decide approvals, beyond the Slack user ids a workflow lists. */
@ConfigMapping(prefix = "remedy.approvers")
public interface ApproversConfig {

  /**
   * {@code remedy.approvers.groups.<name>=U024BE7LH,alice}: the members of {@code group:<name>},
   * Slack user ids and API principals.
   */
  Map<String, List<String>> groups();

  /**
   * {@code remedy.approvers.identities.<principal>=U024BE7LH}: an API principal who is that Slack
   * user, so that one person has one decision whichever way they answer.
   */
  Map<String, String> identities();

  /** Makes the configured approvers a bean for the decision use case. */
  @ApplicationScoped
  class Producer {
    @Produces
    @ApplicationScoped
    Approvers approvers(ApproversConfig config) {
      return new Approvers(config.groups(), config.identities());
    }
  }
}
