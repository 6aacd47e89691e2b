import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "~/i18n/en";
import { ur } from "~/i18n/ur";
import { startApp, type RunningApp } from "../support/app";
import { chromiumPath, launchBrowser, phoneContext } from "../support/browser";

/** How far a page scrolls sideways, in CSS pixels (0: it fits). */
async function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * A parent who makes a mistake is told so at once, and can follow the message to the question;
 * pages fit a small phone and large text without sideways scrolling.
 */
describe.skipIf(!chromiumPath)("errors a parent can follow, and pages that reflow", () => {
  let app: RunningApp;
  let browser: Browser;
  beforeAll(async () => {
    app = await startApp({ SEED_SAMPLE_RESPONSES: "1" });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it.each([
    ["en", "en-GB", en["error.prefix"]],
    ["ur", "ur-PK", ur["error.prefix"]],
  ])(
    "in %s, with JavaScript off: an 'Error:' title, focus on the summary, and a link that shows the whole question",
    async (_code, locale, prefix) => {
      const context = await phoneContext(browser, { javaScript: false, locale });
      const page = await context.newPage();
      try {
        await page.goto(`${app.url}/s/${app.publicIds["parent-carer-experience"]}`);
        const title = await page.title();
        // Consent not given: the start form answers with its problems.
        await page.locator("main form button[type=submit]").first().click();
        await page.locator(".error-summary").waitFor();
        expect(await page.title()).toBe(`${prefix} ${title}`);
        expect(await page.evaluate(() => document.activeElement?.className)).toBe("error-summary");

        for (const id of ["#participate", "#special_category"]) await page.locator(id).check();
        await page.locator("main form button[type=submit]").first().click();
        await page.waitForURL(/\/q\//);
        const questionTitle = await page.title();
        // Nothing chosen: Continue answers with an error.
        await page.locator("button[name=intent][value=continue]").click();
        await page.locator(".error-summary").waitFor();
        expect(await page.title()).toBe(`${prefix} ${questionTitle}`);
        expect(await page.evaluate(() => document.activeElement?.className)).toBe("error-summary");
        // Following the link brings the question's heading into view, not only its first option.
        await page.locator(".error-summary a").first().click();
        const legend = await page.locator("legend").boundingBox();
        expect(legend).not.toBeNull();
        expect(legend!.y).toBeGreaterThanOrEqual(0);
        expect(legend!.y + legend!.height).toBeLessThanOrEqual(844);
      } finally {
        await context.close();
      }
    },
  );

  it("fits a 320 px phone, and the check page fits 200% text, without sideways scrolling", async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 }, locale: "en-GB" });
    const page = await context.newPage();
    try {
      const publicId = app.publicIds["parent-carer-experience"];
      const widths: Record<string, number> = {};
      for (const path of ["/", `/results/${publicId}`, "/you-said-we-did", "/methodology", "/receipt", "/resume"]) {
        await page.goto(app.url + path);
        widths[path] = await sidewaysScroll(page);
      }
      await page.goto(`${app.url}/s/${publicId}`);
      for (const id of ["#participate", "#special_category"]) await page.locator(id).check();
      await page.locator("main form button[type=submit]").first().click();
      await page.waitForURL(/\/q\//);
      for (let i = 0; i < 40 && /\/q\//.test(page.url()); i++) {
        const textbox = page.locator("textarea[name=answer], input[type=text][name=answer]");
        if ((await textbox.count()) > 0)
          await textbox.fill("A long answer without spaces: https://example.org/a/very/long/address/that/does/not/break");
        else await page.locator("input[name=answer]").first().check();
        const question = page.url();
        await page.locator("button[name=intent][value=continue]").click();
        await page.waitForURL((url) => url.href !== question);
      }
      widths["check"] = await sidewaysScroll(page);
      // 200% text: the browser's text size setting doubles the root font size.
      await page.addStyleTag({ content: "html { font-size: 200% !important; }" });
      widths["check at 200% text"] = await sidewaysScroll(page);
      expect(widths).toEqual(Object.fromEntries(Object.keys(widths).map((key) => [key, 0])));
    } finally {
      await context.close();
    }
  });
});
