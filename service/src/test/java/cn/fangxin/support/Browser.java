package cn.fangxin.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium driven by Selenium: Debian's {@code chromium} and {@code chromium-driver}, never a
 * downloaded browser. Where they are missing (a fresh laptop) browser tests are skipped with the reason printed;
 * with {@code FANGXIN_REQUIRE_BROWSER=true} (CI) a missing browser fails the test instead.
 */
public final class Browser implements AutoCloseable {

	static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("FANGXIN_CHROMIUM", "/usr/bin/chromium"));
	static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("FANGXIN_CHROMEDRIVER", "/usr/bin/chromedriver"));

	private final WebDriver driver;
	private final String base;

	private Browser(WebDriver driver, String base) {
		this.driver = driver;
		this.base = base;
	}

	/** Opens a browser for the service at {@code base}, or skips (or fails, in CI) when there is none. */
	public static Browser open(String base) {
		return open(base, "1280,900");
	}

	/** The same with a phone's window, 390 × 844 CSS pixels (a buyer in WeChat). */
	public static Browser openPhone(String base) {
		return open(base, "390,844");
	}

	/** How wide the page is laid out, in CSS pixels, and how wide the window shows it: wider means sideways scrolling. */
	public long[] pageAndWindowWidth() {
		Object widths = ((org.openqa.selenium.JavascriptExecutor) driver)
			.executeScript("return [document.documentElement.scrollWidth, document.documentElement.clientWidth];");
		var list = (java.util.List<?>) widths;
		return new long[] { ((Number) list.get(0)).longValue(), ((Number) list.get(1)).longValue() };
	}

	private static Browser open(String base, String windowSize) {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			String reason = "browser test skipped: no Chromium at " + CHROMIUM + " and chromedriver at " + CHROMEDRIVER
					+ " (apt-get install chromium chromium-driver)";
			if ("true".equalsIgnoreCase(System.getenv("FANGXIN_REQUIRE_BROWSER"))) {
				throw new AssertionError(reason.replace("skipped", "required"));
			}
			System.out.println(reason);
			Assumptions.abort(reason);
		}
		var options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--disable-quic", "--window-size=" + windowSize, "--lang=zh-CN");
		// A Chinese user's browser: Accept-Language zh-CN.
		options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "zh-CN,zh"));
		var service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString()))
			.usingAnyFreePort()
			.build();
		return new Browser(new ChromeDriver(service, options), base);
	}

	public Browser go(String path) {
		driver.get(base + path);
		return this;
	}

	public WebElement find(String css) {
		return waitFor(d -> d.findElement(By.cssSelector(css)));
	}

	public String text(String css) {
		return find(css).getText();
	}

	public Browser type(String css, String text) {
		WebElement field = find(css);
		field.clear();
		field.sendKeys(text);
		return this;
	}

	public Browser select(String css, String value) {
		new org.openqa.selenium.support.ui.Select(find(css)).selectByValue(value);
		return this;
	}

	/** Signs in through the login form and waits for the home page. */
	public Browser signIn(String username, String password) {
		go("/login");
		type("#username", username).type("#password", password).click("#sign-in");
		find("#home-heading");
		return this;
	}

	public Browser signOut() {
		click("#logout");
		find("#sign-in");
		return this;
	}

	public Browser click(String css) {
		find(css).click();
		return this;
	}

	/** Waits until the element's text contains {@code expected}, and returns it. */
	public String waitForText(String css, String expected) {
		return waitFor(d -> {
			String text = d.findElement(By.cssSelector(css)).getText();
			return text.contains(expected) ? text : null;
		});
	}

	/** Waits until the element's text is no longer {@code previous}, and returns the new text. */
	public String waitForChange(String css, String previous) {
		return waitFor(d -> {
			String text = d.findElement(By.cssSelector(css)).getText();
			return text.equals(previous) ? null : text;
		});
	}

	public String pageSource() {
		return driver.getPageSource();
	}

	public String currentPath() {
		return driver.getCurrentUrl().substring(base.length());
	}

	/** Saves a screenshot under target/screenshots for looking at what a user saw. */
	public void screenshot(String name) {
		try {
			byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
			Path dir = Path.of("target", "screenshots");
			Files.createDirectories(dir);
			Files.write(dir.resolve(name + ".png"), png);
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	private <T> T waitFor(Function<WebDriver, T> condition) {
		try {
			return new WebDriverWait(driver, Duration.ofSeconds(10))
				.ignoring(org.openqa.selenium.NoSuchElementException.class)
				.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
				.until(condition::apply);
		}
		catch (org.openqa.selenium.TimeoutException timeout) {
			String name = "failure-" + System.currentTimeMillis();
			screenshot(name);
			String page = driver.getPageSource();
			throw new AssertionError("the page at " + driver.getCurrentUrl() + " never showed what was expected "
					+ "(screenshot target/screenshots/" + name + ".png); it shows:\n"
					+ page.substring(0, Math.min(page.length(), 3000)), timeout);
		}
	}

	@Override
	public void close() {
		driver.quit();
	}
}
