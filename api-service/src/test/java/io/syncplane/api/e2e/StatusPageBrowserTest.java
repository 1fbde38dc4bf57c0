package io.syncplane.api.e2e;

import static io.syncplane.api.support.ServiceStart.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.syncplane.api.support.ApiClient;
import io.syncplane.emulator.GoogleEmulator;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The status page in a real headless Chromium, against the api-service and a worker syncing from the emulator: a
 * user's key opens it, the sources show their badges and last sync, and "Sync now" makes that change on the page.
 */
class StatusPageBrowserTest {

    private static String read(WebDriverWait wait, String css, String attribute) {
        return wait.until(driver -> driver.findElement(By.cssSelector(css)).getAttribute(attribute));
    }

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    private static GoogleEmulator emulator;
    private static E2eServices services;
    private static ChromeDriver browser;
    private static Path profile;

    @BeforeAll
    static void start() throws Exception {
        if (Boolean.getBoolean("syncplane.skipBrowserTests")) {
            System.err.println("WARNING: -Dsyncplane.skipBrowserTests=true: the status page is not tested in a browser");
            Assumptions.abort("browser tests skipped on request");
        }
        if (!CHROMIUM.canExecute() || !CHROMEDRIVER.canExecute()) {
            fail("chromium or chromedriver missing: install Debian's 'chromium' and 'chromium-driver' packages"
                    + " (or pass -Dsyncplane.skipBrowserTests=true)");
        }
        services = E2eServices.start(GoogleEmulator.builder().users(2).seed(5).messagesPerUser(10).eventsPerUser(4)
                .contactsPerUser(5).tasksPerUser(4), freePort(), Map.of());
        emulator = services.emulator();
        profile = Files.createTempDirectory("status-page-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile);
        // an explicit driver executable, so Selenium Manager never tries to download one
        ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (services != null) {
            services.close();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void a_user_sees_their_sources_and_sync_now_changes_the_last_sync() throws Exception {
        ApiClient operator = services.client();
        String email = emulator.admin().email(1);
        long userId = operator.post("/v1/users", Map.of("externalId", "status-page-user")).json().get("id").asLong();
        E2eSupport.linkThroughOAuth(operator, userId, email);
        E2eSupport.awaitSyncedAfter(operator, userId, Map.of());
        String userKey = operator.post("/v1/api-keys", Map.of("userId", userId)).json().get("key").asString();

        browser.get(operator.baseUrl() + "/status#key=" + userKey);
        // the page re-renders on every refresh, so each read looks its element up afresh and retries a stale one
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);
        String tasks = "li.source[data-source='tasks'] ";
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(tasks + "time.last-sync")));
        assertThat(browser.getCurrentUrl()).as("the key leaves the address bar").doesNotContain(userKey);
        Integer sources = wait.until(driver -> driver.findElements(By.cssSelector("li.source")).size());
        assertThat(sources).isEqualTo(4);
        assertThat(read(wait, tasks + "[data-badge]", "data-badge")).isIn("active", "degraded");
        String before = read(wait, tasks + "time.last-sync", "datetime");
        assertThat(before).isNotBlank();

        Thread.sleep(1100); // the ledger's times have millisecond precision; make the next sync's visibly later
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(tasks + "button.sync-now"))).click();
        wait.until(driver -> !before.equals(driver.findElement(By.cssSelector(tasks + "time.last-sync"))
                .getAttribute("datetime")));
        assertThat(read(wait, tasks + "[data-badge]", "data-badge")).isIn("active", "degraded");
        String shown = wait.until(driver -> driver.findElement(By.cssSelector(tasks + "time.last-sync")).getText());
        assertThat(shown).isNotBlank();
    }
}
