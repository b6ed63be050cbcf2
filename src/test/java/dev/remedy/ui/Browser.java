package dev.remedy.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver: no browser or driver download. The
 * flags keep Chromium off the network this machine does not have.
 */
final class Browser implements AutoCloseable {

  /** Debian's paths, or {@code REMEDY_CHROMIUM} and {@code REMEDY_CHROMEDRIVER} when set. */
  static final Path CHROMIUM = Path.of(env("REMEDY_CHROMIUM", "/usr/bin/chromium"));

  static final Path CHROMEDRIVER = Path.of(env("REMEDY_CHROMEDRIVER", "/usr/bin/chromedriver"));

  /** Where screenshots go: {@code -Dremedy.screenshots=docs/screenshots} refreshes the README's. */
  static final Path SCREENSHOTS =
      Path.of(System.getProperty("remedy.screenshots", "target/screenshots"));

  final ChromeDriver driver;
  private final String base;
  private final Path profile;

  private Browser(String base) {
    this.base = base;
    try {
      this.profile = Files.createTempDirectory("remedy-chromium");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    this.driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1366, 900));
  }

  /** A browser on the test app, or the test is skipped with the reason when Chromium is absent. */
  static Browser open(String base) {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver;"
            + " .ci/run installs them): the browser tests are skipped");
    return new Browser(base);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  WebDriverWait waitUpTo(int seconds) {
    return new WebDriverWait(driver, Duration.ofSeconds(seconds));
  }

  void go(String path) {
    driver.get(base + path);
  }

  void signIn(String user) {
    go("/ui/login");
    driver.findElement(By.id("username")).sendKeys(user);
    driver.findElement(By.id("password")).sendKeys(user + "-pw");
    driver.findElement(By.id("sign-in")).click();
    waitUpTo(10)
        .until(d -> d.getCurrentUrl().contains("/ui/") && !d.getCurrentUrl().contains("login"));
  }

  String text(By by) {
    return driver.findElement(by).getText();
  }

  /** The page, up to 2,400 pixels high (the window grows for the picture, then shrinks back). */
  void screenshot(String name) {
    Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight;");
    driver
        .manage()
        .window()
        .setSize(new Dimension(1366, Math.min(2400, Math.max(900, height.intValue() + 40))));
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      driver.manage().window().setSize(new Dimension(1366, 900));
    }
  }

  WebDriver driver() {
    return driver;
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
