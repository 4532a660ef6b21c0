package dev.intake.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import dev.intake.processing.ImportWorker;
import dev.intake.support.Imports;
import dev.intake.support.UniqueNames;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The console in a real headless Chromium, Debian's, driven by Playwright: sign in on the dev provider's page,
 * watch a batch end without reloading, open its detail page and download its exceptions file. Each test saves a
 * full-page screenshot under target/screenshots for a person to look at.
 */
@QuarkusTest
class ConsoleBrowserTest {

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static Playwright playwright;
    private static Browser browser;

    @Inject
    ImportWorker worker;

    @ConfigProperty(name = "quarkus.http.test-port", defaultValue = "8081")
    int port;

    @BeforeAll
    static void start_the_browser() {
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    @AfterAll
    static void stop_the_browser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @Test
    void an_admin_signs_in_watches_a_batch_end_and_downloads_its_exceptions() throws IOException {
        String good = UniqueNames.of("Browser Good");
        String id = Imports.accepted("createAccount", "browser-accounts.csv",
                Imports.csv("name,website", good + ",", ",https://no-name.example"));

        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800)
                .setAcceptDownloads(true)); Page page = context.newPage()) {
            page.navigate(url("/console/imports"));
            screenshot(page, "sign-in");
            page.fill("#user", "ada");
            page.fill("#organisation", "acme");
            page.click("button[type=submit]");
            page.waitForURL("**/console/imports");

            String row = "#batch-" + id;
            assertEquals("Pending", page.textContent(row + " .badge").strip());
            Imports.finish(worker, id);
            page.waitForSelector(row + " .badge:has-text('Partly imported')",
                    new Page.WaitForSelectorOptions().setTimeout(15_000));
            assertEquals(url("/console/imports"), page.url(), "the row changed without a reload");
            screenshot(page, "imports");

            page.click(row + " a");
            page.waitForSelector("text=Failed rows");
            assertTrue(page.textContent("section:has(h2:has-text('Failed rows'))").contains("Row 3"));
            screenshot(page, "batch-detail");

            Download download = page.waitForDownload(() -> page.click("text=Exceptions"));
            String exceptions = Files.readString(download.path(), StandardCharsets.UTF_8);
            assertTrue(exceptions.contains(",3,VALIDATION,"), exceptions);

            page.click("text=Templates");
            page.waitForSelector("#createContact");
            screenshot(page, "templates");
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static void screenshot(Page page, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }
}
