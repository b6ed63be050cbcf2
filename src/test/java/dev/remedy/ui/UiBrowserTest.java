package dev.remedy.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.remedy.testsupport.Api;
import dev.remedy.testsupport.Payloads;
import dev.remedy.testsupport.TestDatabase;
import dev.remedy.testsupport.Webhook;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The operator UI in headless Chromium against the running app with the mock Kubernetes API: what
 * an on-call engineer sees and clicks. Each test leaves screenshots in {@link Browser#SCREENSHOTS}.
 */
@QuarkusTest
@TestProfile(UiProfile.class)
@WithKubernetesTestServer(crud = true)
class UiBrowserTest {

  @KubernetesTestServer KubernetesServer server;
  @Inject TestDatabase database;

  @TestHTTPResource("/")
  URL base;

  private KubernetesClient kube;
  private Browser browser;

  @BeforeEach
  void setUp() {
    database.clear();
    kube = server.getClient();
    kube.apps()
        .deployments()
        .inNamespace("shop")
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("checkout")
                .withNamespace("shop")
                .endMetadata()
                .withNewSpec()
                .withReplicas(2)
                .withNewTemplate()
                .endTemplate()
                .endSpec()
                .build())
        .createOr(r -> r.update());
    browser = Browser.open(base.toString().replaceAll("/$", ""));
  }

  @AfterEach
  void tearDown() {
    if (browser != null) {
      browser.close();
    }
  }

  private static JsonPath post(String alertname, String fingerprint) {
    return JsonPath.from(
        Webhook.post(
                Payloads.alert(
                    "firing",
                    fingerprint,
                    Instant.now().minusSeconds(90),
                    "alertname",
                    alertname,
                    "namespace",
                    "shop",
                    "deployment",
                    "checkout",
                    "severity",
                    "critical"))
            .statusCode(202)
            .extract()
            .asString());
  }

  private static void awaitOnePendingApproval() {
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(
                        Api.asViewer()
                            .get("/api/v1/approvals?status=pending")
                            .then()
                            .extract()
                            .jsonPath()
                            .getList(""))
                    .hasSize(1));
  }

  private int replicas() {
    return kube.apps()
        .deployments()
        .inNamespace("shop")
        .withName("checkout")
        .get()
        .getSpec()
        .getReplicas();
  }

  @Test
  void theRunsListShowsANewRunAfterAnAlertmanagerPostWithoutAReload() {
    browser.signIn("vera");
    browser.go("/ui/runs");
    assertThat(browser.text(By.id("runs"))).contains("No runs");
    browser.driver.executeScript("window.remedyNotReloaded = true;");

    String runId = post("UiRestart", "b1000001").getString("runs[0].id");

    browser
        .waitUpTo(20)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("runs"), "ui-restart"));
    browser
        .waitUpTo(20)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("tr[data-run='" + runId + "']"), "succeeded"));
    assertThat(browser.driver.executeScript("return window.remedyNotReloaded === true;"))
        .as("the list refreshed in place")
        .isEqualTo(true);
    assertThat(browser.text(By.id("runs"))).contains("shop/checkout", "UiRestart");
    browser.screenshot("runs");

    browser.driver.findElement(By.cssSelector("tr[data-run='" + runId + "'] a")).click();
    browser.waitUpTo(10).until(ExpectedConditions.urlContains("/ui/runs/" + runId));
    assertThat(browser.text(By.id("steps"))).contains("restart", "succeeded");
    assertThat(browser.text(By.id("run-audit"))).contains("run.created", "run.finished");
    assertThat(browser.driver.getPageSource()).contains("critical");
  }

  @Test
  void approvingInTheUiRunsTheGatedScaleOnTheCluster() {
    String runId = post("UiScale", "b1000002").getString("runs[0].id");
    awaitOnePendingApproval();

    browser.signIn("april");
    browser.go("/ui/approvals");
    String card = browser.text(By.cssSelector("article.pending"));
    assertThat(card)
        .contains("ui-scale", "Scale checkout to 4?", "replicas 2 → 4", "sha256:", "left");
    browser.screenshot("approvals");

    browser.driver.findElement(By.cssSelector("article.pending button[value='approve']")).click();
    browser
        .waitUpTo(10)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "recorded"));
    await().atMost(Duration.ofSeconds(15)).until(() -> replicas() == 4);

    browser.go("/ui/runs/" + runId);
    browser
        .waitUpTo(15)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(By.id("run-status"), "succeeded"));
    assertThat(browser.driver.getPageSource()).contains("april", "approved", "via the web UI");
    assertThat(browser.text(By.id("run-audit")))
        .contains("approval.decision", "kubernetes.request");
    browser.screenshot("run-detail");
  }

  @Test
  void aViewerSeesThePendingApprovalButCannotApproveIt() {
    post("UiScale", "b1000003");
    awaitOnePendingApproval();
    String approvalId =
        Api.asViewer().get("/api/v1/approvals?status=pending").jsonPath().getString("[0].id");

    browser.signIn("vera");
    browser.go("/ui/approvals");
    assertThat(browser.text(By.cssSelector("article.pending")))
        .contains("ui-scale", "needs the approver role");
    assertThat(browser.driver.findElements(By.cssSelector("button[value='approve']"))).isEmpty();

    // The same post the approvers' form makes, with vera's own valid token: refused by role.
    Object status =
        browser.driver.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "const csrf = document.querySelector('input[name=csrf]').value;"
                + "fetch('/ui/approvals/"
                + approvalId
                + "/decision', {method: 'POST', headers: {'Content-Type':"
                + " 'application/x-www-form-urlencoded'}, body: 'decision=approve&csrf=' +"
                + " encodeURIComponent(csrf)}).then(r => done(r.status));");
    assertThat(status).isEqualTo(403L);
    assertThat(Api.asViewer().get("/api/v1/approvals/" + approvalId).jsonPath().getString("status"))
        .isEqualTo("pending");
    assertThat(replicas()).isEqualTo(2);
  }

  @Test
  void theKillSwitchStopsNewRunsAfterAConfirmation() {
    browser.signIn("olga");
    browser.go("/ui/automation");
    browser.driver.findElement(By.id("automation-off")).click();
    browser.driver.switchTo().alert().dismiss();
    assertThat(browser.text(By.id("automation-state"))).contains("Automation on");

    browser.driver.findElement(By.id("automation-off")).click();
    browser.driver.switchTo().alert().accept();
    browser
        .waitUpTo(10)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("automation-state"), "Automation OFF"));
    browser.screenshot("automation");
    try {
      JsonPath answer = post("UiRestart", "b1000004");
      assertThat(answer.getList("runs")).isEmpty();
      assertThat(answer.getInt("suppressed")).isEqualTo(1);

      browser.go("/ui/runs");
      assertThat(browser.text(By.id("runs"))).contains("No runs");
      assertThat(browser.text(By.id("decisions"))).contains("suppressed", "automation-disabled");
    } finally {
      browser.go("/ui/automation");
      browser.driver.findElement(By.id("automation-on")).click();
      browser.driver.switchTo().alert().accept();
      browser
          .waitUpTo(10)
          .until(
              ExpectedConditions.textToBePresentInElementLocated(
                  By.id("automation-state"), "Automation on"));
    }
  }

  @Test
  void theWorkflowsPageShowsTheBrokenFilesErrorAndSimulatesAPayload() {
    browser.signIn("vera");
    browser.go("/ui/workflows");
    String catalog = browser.text(By.id("catalog"));
    assertThat(catalog).contains("ui-restart", "ui-scale", "invalid");
    assertThat(catalog).containsPattern("broken\\.yaml:\\d+:\\d+");
    browser.screenshot("workflows");

    String payload =
        Payloads.alert(
            "firing",
            "b1000005",
            Instant.now(),
            "alertname",
            "UiScale",
            "namespace",
            "shop",
            "deployment",
            "checkout");
    browser.driver.findElement(By.id("payload")).sendKeys(payload);
    browser.driver.findElement(By.id("simulate-run")).click();
    browser.waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.id("simulation")));
    assertThat(browser.text(By.id("simulation")))
        .contains("Would run ui-scale on shop/checkout", "approve", "scale");
    browser.screenshot("simulate");

    browser.go("/ui/workflows/ui-scale");
    assertThat(browser.text(By.tagName("main")))
        .contains("alertname", "UiScale", "approval", "Scale out after an approver agrees");
  }

  /**
   * As an admin, who sees every form: each page has a language, a skip link reached first by the
   * keyboard, a label for every field, a name for every button, and its main content landmark.
   */
  @Test
  void everyPageIsLabelledAndStartsWithASkipLinkForKeyboardUsers() {
    post("UiScale", "b1000007");
    browser.signIn("ada");
    for (String page :
        new String[] {
          "/ui/runs", "/ui/approvals", "/ui/workflows", "/ui/audit", "/ui/automation"
        }) {
      browser.go(page);
      @SuppressWarnings("unchecked")
      java.util.List<String> problems =
          (java.util.List<String>)
              browser.driver.executeScript(
                  "const out = [];"
                      + "if (!document.documentElement.lang) out.push('no lang');"
                      + "if (!document.querySelector('main')) out.push('no main');"
                      + "document.querySelectorAll('input:not([type=hidden]), select, textarea')"
                      + "  .forEach(e => { if (e.labels.length === 0 && !e.getAttribute('aria-label'))"
                      + "    out.push('unlabelled ' + (e.name || e.id)); });"
                      + "document.querySelectorAll('button').forEach(b => {"
                      + "  if (!b.textContent.trim()) out.push('button without text'); });"
                      + "return out;");
      assertThat(problems).as(page).isEmpty();
      browser.driver.findElement(By.tagName("body")).sendKeys(org.openqa.selenium.Keys.TAB);
      assertThat(browser.driver.switchTo().activeElement().getText())
          .as(page)
          .isEqualTo("Skip to content");
    }
  }

  @Test
  void theAuditPageVerifiesTheChainAndFilters() {
    post("UiRestart", "b1000006");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                Api.asViewer()
                        .get("/api/v1/runs?status=succeeded")
                        .jsonPath()
                        .getList("items")
                        .size()
                    == 1);
    browser.signIn("vera");
    browser.go("/ui/audit");
    browser.driver.findElement(By.id("verify-now")).click();
    browser
        .waitUpTo(10)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("chain"), "chain valid"));
    assertThat(browser.text(By.id("events"))).contains("notification.received", "run.finished");
    browser.screenshot("audit");

    browser.driver.findElement(By.name("type")).sendKeys("run.finished");
    browser.driver.findElement(By.cssSelector("form.filters button")).click();
    browser.waitUpTo(10).until(ExpectedConditions.urlContains("type=run.finished"));
    assertThat(browser.text(By.id("events")))
        .contains("run.finished")
        .doesNotContain("notification.received");
    // The details column says how the run ended; the hashed body waits behind its disclosure.
    WebElement details = browser.driver.findElement(By.cssSelector("#events td.details"));
    assertThat(details.findElement(By.tagName("dl")).getText())
        .contains("status", "succeeded")
        .doesNotContain("run.finished", "\"seq\"", "{");
    assertThat(details.getText()).doesNotContain("\"type\":\"run.finished\"");
    details.findElement(By.cssSelector("details.body summary")).click();
    assertThat(details.getText()).contains("\"type\":\"run.finished\"", "hash ");
    assertThat(browser.driver.findElement(By.id("export")).getAttribute("href"))
        .endsWith("/api/v1/audit/export");
  }
}
