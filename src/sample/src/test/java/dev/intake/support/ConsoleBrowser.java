package dev.intake.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * Debian's Chromium, headless, driven by Playwright (which downloads no browser of its own), for tests that use the
 * console as a person does; with the sign-in on the dev provider's page and full-page screenshots under
 * target/screenshots for a person to look at.
 */
public final class ConsoleBrowser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final Playwright playwright;
    private final Browser browser;
    private final int port;

    private ConsoleBrowser(Playwright playwright, Browser browser, int port) {
        this.playwright = playwright;
        this.browser = browser;
        this.port = port;
    }

    public static ConsoleBrowser start(int port) {
        Playwright playwright = playwright();
        return new ConsoleBrowser(playwright, launch(playwright), port);
    }

    /** Playwright, told never to download a browser. */
    public static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    /** Debian's Chromium, headless. */
    public static Browser launch(Playwright playwright) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    /** A new browser profile: no cookies, so no session. */
    public BrowserContext newContext() {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800).setAcceptDownloads(true));
    }

    /** Signs in on the dev provider's page, as a person does, with exactly these roles ticked. */
    public void signIn(Page page, String user, String organisation, List<String> roles) throws IOException {
        signIn(page, url("/console/imports"), user, organisation, roles);
    }

    /** Signs in at the console's address, on the dev provider's page, with exactly these roles ticked. */
    public static void signIn(Page page, String console, String user, String organisation, List<String> roles)
            throws IOException {
        page.navigate(console);
        page.fill("#user", user);
        page.fill("#organisation", organisation);
        for (var box : page.querySelectorAll("input[name=roles]")) {
            box.setChecked(roles.contains(box.getAttribute("value")));
        }
        screenshot(page, "sign-in");
        page.click("button[type=submit]");
        page.waitForURL("**/console/imports");
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    public static void screenshot(Page page, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
