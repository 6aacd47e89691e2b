import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "~/i18n/en";
import { ur } from "~/i18n/ur";
import { focusedElement } from "../support/accessibility";
import { startApp, type RunningApp } from "../support/app";
import { chromiumPath, launchBrowser } from "../support/browser";

/** Presses a key that sends a form or follows a link, and waits for the page it leads to. */
async function pressAndLoad(page: Page, key: "Enter" | "Space"): Promise<void> {
  const loaded = page.waitForEvent("load");
  await page.keyboard.press(key);
  await loaded;
}

/**
 * A parent who uses only the keyboard answers the parents' survey with JavaScript off, from the
 * first page to the receipt, with Tab, Shift+Tab, Space, Enter and the arrow keys; every stop
 * shows where the focus is, and a form sent with a mistake puts the focus on its error summary.
 */
describe.skipIf(!chromiumPath)("the parent's journey by keyboard alone", () => {
  let app: RunningApp;
  let browser: Browser;
  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it.each([
    ["en", "en-GB", en],
    ["ur", "ur-PK", ur],
  ] as const)("in %s, from the first page to the receipt", async (_language, locale, t) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale, javaScriptEnabled: false });
    const page = await context.newPage();
    /** Every element that had focus without showing it. */
    const unseen = new Set<string>();
    const focused = async () => {
      const element = await focusedElement(page);
      if (element && !element.visible) unseen.add(element.description);
      return element?.description ?? "";
    };
    /** Tabs (forwards, or backwards with Shift) until the focus is on what `wanted` matches. */
    const tabTo = async (wanted: RegExp, backwards = false) => {
      const seen: string[] = [];
      for (let i = 0; i < 120; i++) {
        const now = await focused();
        if (wanted.test(now)) return;
        seen.push(now);
        await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
      }
      throw new Error(`Tab never reached ${wanted} on ${page.url()}; it went through:\n${seen.join("\n")}`);
    };
    const errorSummaryHasFocus = () => page.evaluate(() => document.activeElement?.classList.contains("error-summary") ?? false);

    try {
      await page.goto(`${app.url}/s/${app.publicIds["parent-carer-experience"]}`);
      // The first stop is the skip link; it leads to the page's main content.
      await page.keyboard.press("Tab");
      expect(await focused()).toMatch(new RegExp(`^a "${t["site.skip"]}"`));
      // Start without agreeing: the error summary has the focus, and its link leads to the box.
      await tabTo(/^button /);
      await pressAndLoad(page, "Enter");
      expect(await errorSummaryHasFocus()).toBe(true);
      await page.keyboard.press("Tab");
      expect(await focused()).toMatch(/^a "/);
      // A link within the page: no new page loads, and the focus moves to the box (or just before it).
      await page.keyboard.press("Enter");
      await tabTo(/^input#participate/);
      await page.keyboard.press("Space");
      await tabTo(/^input#special_category/);
      await page.keyboard.press("Space");
      // Shift+Tab goes back a box, and Tab forwards again.
      await page.keyboard.press("Shift+Tab");
      expect(await focused()).toMatch(/^input#participate/);
      await tabTo(/^button /);
      await pressAndLoad(page, "Enter");
      expect(page.url()).toMatch(/\/q\/overall_experience$/);

      // Continue without an answer: the error summary has the focus again.
      await tabTo(/^button\S*\[value=continue\]/);
      await pressAndLoad(page, "Enter");
      expect(await errorSummaryHasFocus()).toBe(true);
      // Follow the error link to the question and send it empty again: the address bar now ends
      // in the link's fragment, and the error summary still takes the focus.
      await page.keyboard.press("Tab");
      await page.keyboard.press("Enter");
      expect(page.url()).toMatch(/#answer-overall_experience/);
      await tabTo(/^button\S*\[value=continue\]/);
      await pressAndLoad(page, "Enter");
      expect(await errorSummaryHasFocus()).toBe(true);

      const questions: string[] = [];
      for (let i = 0; i < 40 && /\/q\//.test(page.url()); i++) {
        const code = new URL(page.url()).pathname.split("/").pop()!;
        questions.push(code);
        await tabTo(/^(input|textarea)/);
        const type = await page.evaluate(() => (document.activeElement as HTMLInputElement).type);
        if (type === "radio") {
          // Tab reaches the first option; the arrow keys move through the others and choose.
          await page.keyboard.press("ArrowDown");
          await page.keyboard.press("ArrowUp");
          expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).checked)).toBe(true);
        } else if (type === "checkbox") {
          await page.keyboard.press("Space");
        } else {
          await page.keyboard.type("Someone who answers my emails.");
        }
        await tabTo(/^button\S*\[value=continue\]/);
        await pressAndLoad(page, "Enter");
      }
      expect(questions).toHaveLength(11);
      expect(page.url()).toMatch(/\/check$/);

      // Check the answers, with every change link on the way, and send them.
      await tabTo(new RegExp(`^button "${t["check.send.button"]}"`));
      await pressAndLoad(page, "Enter");
      expect(page.url()).toMatch(/\/done$/);
      const receipt = (await page.getByTestId("receipt-code").textContent())!.trim();

      // The receipt, found by its code from the link at the foot of every page.
      await tabTo(new RegExp(`^a "${t["site.footer.receipt"]}"`));
      await pressAndLoad(page, "Enter");
      await tabTo(/^input#code/);
      await page.keyboard.type(receipt);
      await pressAndLoad(page, "Enter");
      expect(await page.getByTestId("receipt-found").isVisible()).toBe(true);

      expect([...unseen], "elements that had focus without showing it").toEqual([]);
    } finally {
      await context.close();
    }
  });
});
