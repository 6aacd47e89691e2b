import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";
import { DEMO_PASSWORD } from "./app";

/** Debian's Chromium, driven headless; nothing is downloaded. */
export const chromiumPath = process.env.CHROMIUM_PATH || "";

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

/** A phone: 390×844 unless `width` says smaller, touch, as a parent on a bus would have. */
export async function phoneContext(
  browser: Browser,
  options: { javaScript?: boolean; locale?: string; width?: number } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: options.width ?? 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    javaScriptEnabled: options.javaScript ?? true,
    locale: options.locale ?? "en-GB",
  });
}

/** WCAG 2.2 A and AA rules from axe-core; any violation fails the test with what and where. */
export async function expectAccessible(page: Page): Promise<void> {
  expect(await axeViolations(page), `axe-core violations on ${page.url()}`).toEqual([]);
}

/** The WCAG 2.2 A and AA violations axe-core finds on the page, each with what and where. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]).analyze();
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** A staff member's laptop. */
export async function laptop(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "en-GB" });
  return { context, page: await context.newPage() };
}

/** Signs a demo account in through the login page (password: DEMO_PASSWORD of tests/support/app). */
export async function signIn(page: Page, app: { url: string }, email: string, password = DEMO_PASSWORD) {
  await page.goto(`${app.url}/login`);
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/**
 * Waits until the current document has finished loading (its `load` event).
 *
 * The server streams each page's HTML, so on a slow machine the browser can have parsed the top of
 * a new page (a notification, a heading) but not yet the rest. Reads that do not wait for what
 * they read (`count()`, `all()`, `allTextContents()`, `isVisible()`, `evaluateAll()`, `content()`,
 * axe-core, or the text of a large container) can then see half a page. Call this before them.
 *
 * Call it only once something shows that the new page is the current one: a `waitForURL`, or an
 * auto-waiting read of something only the new page has. (A navigating `click()` returns once the
 * new document has committed, but not once it has loaded.) Otherwise it may return at once for the
 * page before. `goto`, `reload` and `waitForURL` already wait for `load` by default.
 */
export async function pageLoaded(page: Page): Promise<void> {
  await page.waitForLoadState("load");
}

/**
 * A parent answers the demo parent survey through its pages, agreeing to quotes, with `text` as
 * their written answer and the first option on every other question; on a laptop, or on a phone
 * with JavaScript off.
 */
export async function submitParentResponse(
  browser: Browser,
  app: { url: string; publicIds: Record<string, string> },
  text: string,
  options: { phone?: boolean } = {},
): Promise<void> {
  const context = options.phone
    ? await phoneContext(browser, { javaScript: false })
    : await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${app.url}/s/${app.publicIds["parent-carer-experience"]}`);
  for (const id of ["#participate", "#special_category", "#quotes"]) await page.locator(id).check();
  await page.getByRole("button", { name: "Start now" }).click();
  await page.waitForURL(/\/q\//);
  for (let i = 0; i < 40 && /\/q\//.test(page.url()); i++) {
    const textbox = page.locator("textarea[name=answer], input[type=text][name=answer]");
    const code = new URL(page.url()).pathname.split("/").pop();
    if ((await textbox.count()) > 0) {
      if (code === "what_would_help") await textbox.fill(text);
    } else {
      await page.locator("input[name=answer]").first().check();
    }
    const question = page.url();
    await page.getByRole("button", { name: "Continue" }).first().click();
    // The next page is at another address; waitForURL also waits for it to finish loading.
    await page.waitForURL((url) => url.href !== question);
  }
  await page.getByRole("button", { name: "Send my answers" }).click();
  expect(await page.locator("h1").textContent()).toBe("Your answers have been sent");
  await context.close();
}
