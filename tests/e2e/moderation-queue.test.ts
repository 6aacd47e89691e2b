import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/db.server";
import { startApp, type RunningApp } from "../support/app";
import { chromiumPath, expectAccessible, launchBrowser, pageLoaded, phoneContext, signIn } from "../support/browser";

/** A number shown in the results heading: "63 answers, page 1 of 4" → 63. */
async function resultCount(page: import("playwright-core").Page): Promise<number> {
  const text = (await page.getByTestId("results").textContent()) ?? "";
  return text.startsWith("No answers") ? 0 : Number(text.split(" ")[0]);
}

describe.skipIf(!chromiumPath)("a volunteer working through the moderation queue on a phone without JavaScript", () => {
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

  it("filters, searches, selects a page, themes and rejects in bulk, keeping the filters", async () => {
    const context = await phoneContext(browser, { javaScript: false });
    const page = await context.newPage();
    // axe-core runs in the page: it reads the same address (same cookies) in a context with JavaScript.
    const checkAccessible = async () => {
      const withScript = await phoneContext(browser);
      try {
        await withScript.addCookies(await context.cookies());
        const copy = await withScript.newPage();
        await copy.goto(page.url());
        await expectAccessible(copy);
        // Nothing wider than the phone: no sideways scrolling to reach a filter or a button.
        expect(await copy.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      } finally {
        await withScript.close();
      }
    };
    await signIn(page, app, "moderator@example.org");
    await page.goto(`${app.url}/admin/moderation`);
    await checkAccessible();
    const pending = await resultCount(page);
    expect(pending).toBeGreaterThan(20);

    // Search the text, only answers with no theme, newest first.
    await page.locator("#filter-q").fill("plain english");
    await page.getByLabel("have no theme yet").check();
    await page.locator("#filter-sort").selectOption("newest");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/q=plain\+english/);
    expect(page.url()).toMatch(/untagged=1/);
    expect(page.url()).toMatch(/sort=newest/);
    const found = await resultCount(page);
    expect(found).toBeGreaterThan(0);
    expect(found).toBeLessThan(pending);
    const texts = await page.locator(".answer-text").allTextContents();
    expect(texts.every((text) => text.includes("plain English"))).toBe(true);
    await checkAccessible();

    // Select every answer on the page, and give them all a theme.
    const onPage = await page.getByTestId("moderation-item").count();
    await page.getByRole("link", { name: /Select all \d+ answers on this page/ }).click();
    await pageLoaded(page);
    expect(await page.locator('input[name="item"]:checked').count()).toBe(onPage);
    await page.locator("#bulk-theme").selectOption({ label: "Communication" });
    await page.getByRole("button", { name: "Add theme to selected" }).click();
    await page.getByTestId("bulk-done").waitFor();
    expect(await page.getByTestId("bulk-done").textContent()).toContain(`Theme “Communication” added to ${onPage} answers.`);
    // The filters are still applied, so the themed answers have left this view.
    expect(page.url()).toMatch(/q=plain\+english/);
    expect(await page.locator("#filter-q").inputValue()).toBe("plain english");
    expect(await page.getByLabel("have no theme yet").isChecked()).toBe(true);
    expect(await page.locator("#filter-sort").inputValue()).toBe("newest");
    await pageLoaded(page);
    expect(await resultCount(page)).toBe(found - onPage);
    await checkAccessible();

    // Reject one answer: the page says how many, and the count of rejected answers moves.
    await page.goto(`${app.url}/admin/moderation?q=plain+english&theme=communication`);
    const rejectedBefore = Number(await page.getByTestId("count-rejected").textContent());
    await page.getByTestId("moderation-item").first().getByRole("checkbox").check();
    await page.getByRole("button", { name: "Reject selected" }).click();
    await page.getByTestId("bulk-done").waitFor();
    expect(await page.getByTestId("bulk-done").textContent()).toContain("1 answer rejected.");
    expect(page.url()).toMatch(/theme=communication/);
    expect(Number(await page.getByTestId("count-rejected").textContent())).toBe(rejectedBefore + 1);

    // Nothing selected: a clear message, nothing done.
    await page.getByRole("button", { name: "Approve selected" }).click();
    await page.locator(".error-summary").waitFor();
    expect(await page.locator(".error-summary").textContent()).toContain("Select at least one answer");

    // A search that finds nothing says so, and how to get back.
    await page.goto(`${app.url}/admin/moderation?q=${encodeURIComponent("100%_not_here")}`);
    expect(await page.getByTestId("queue-empty").textContent()).toContain("No answers match these filters");
    await checkAccessible();

    const db = openDatabase(app.databaseUrl);
    try {
      const audited = await db
        .selectFrom("audit_log")
        .select(["action", "detail"])
        .where("action", "in", ["moderation.themes_set", "moderation.rejected"])
        .execute();
      expect(audited.filter((a) => a.action === "moderation.themes_set" && a.detail?.includes('"bulk":true'))).toHaveLength(onPage);
      expect(audited.filter((a) => a.action === "moderation.rejected")).toHaveLength(1);
    } finally {
      await db.destroy();
    }
    await context.close();
  }, 180_000);
});
