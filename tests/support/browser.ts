import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";

/** Debian's Chromium, driven headless; nothing is downloaded. */
export const chromiumPath = process.env.CHROMIUM_PATH || "";

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

/** A phone: 390×844, touch, as a parent on a bus would have. */
export async function phoneContext(browser: Browser, options: { javaScript?: boolean; locale?: string } = {}): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    javaScriptEnabled: options.javaScript ?? true,
    locale: options.locale ?? "en-GB",
  });
}

/** WCAG 2.2 A and AA rules from axe-core; any violation fails the test with what and where. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"])
    .analyze();
  const problems = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  expect(problems, `axe-core violations on ${page.url()}`).toEqual([]);
}
