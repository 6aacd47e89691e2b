import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/db.server";
import { findPublishedSurvey } from "~/models/published-surveys.server";
import { startApp, type RunningApp } from "../support/app";
import { chromiumPath, expectAccessible, launchBrowser, pageLoaded, signIn } from "../support/browser";

const BANNER = "You are entering a paper response for someone";

/** The banner at the top of a survey page, once the page has loaded. */
async function bannerOf(page: Page): Promise<string> {
  const banner = page.getByRole("region", { name: "Entering a response for someone" });
  return ((await banner.textContent()) ?? "").replace(/\s+/g, " ");
}

/** Answers every question page with its first option (or a few words), in any language, to the check page. */
async function answerAll(page: Page): Promise<void> {
  for (let i = 0; i < 40 && /\/q\//.test(page.url()); i++) {
    const question = page.url();
    expect(await bannerOf(page)).toContain(BANNER);
    const textbox = page.locator("textarea[name=answer], input[type=text][name=answer]");
    if ((await textbox.count()) > 0) await textbox.fill("Typed from the paper form");
    else await page.locator("input[name=answer]").first().check();
    await page.locator('button[name=intent][value="continue"]').click();
    await page.waitForURL((url) => url.href !== question);
  }
  expect(page.url()).toMatch(/\/check$/);
}

describe.skipIf(!chromiumPath)("a volunteer enters a paper response for someone, JavaScript off", () => {
  let app: RunningApp;
  let browser: Browser;
  let surveyId: string;
  let publicId: string;

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
    publicId = app.publicIds["parent-carer-experience"];
    const db = openDatabase(app.databaseUrl);
    try {
      surveyId = (await findPublishedSurvey(db, publicId))!.id;
    } finally {
      await db.destroy();
    }
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it(
    "from the survey's admin page, through the parents' pages in Urdu with a banner on each, to Enter another and Stop",
    { timeout: 300_000 },
    async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "en-GB", javaScriptEnabled: false });
      const page = await context.newPage();
      // axe-core runs in the page, so it reads the same page (same cookies) in a context with JavaScript.
      const checkAccessible = async () => {
        const withScript = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "en-GB" });
        try {
          await withScript.addCookies(await context.cookies());
          const copy = await withScript.newPage();
          await copy.goto(page.url());
          await expectAccessible(copy);
        } finally {
          await withScript.close();
        }
      };
      await signIn(page, app, "admin@example.org");

      await page.goto(`${app.url}/admin/surveys/${surveyId}`);
      await page.getByRole("heading", { name: "Enter a response for someone" }).waitFor();
      await page.getByLabel("Paper: you type in what they wrote on a paper form").check();
      await page.getByLabel("Language they are answering in").selectOption("ur");
      await page.getByRole("button", { name: "Enter a response for someone" }).click();

      // The consent page, in Urdu, right to left; the banner in English tells the volunteer what to do.
      await page.waitForURL(`${app.url}/s/${publicId}`);
      await pageLoaded(page);
      expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
      const consent = await bannerOf(page);
      expect(consent).toContain(BANNER);
      expect(consent).toContain("you are ticking consent on their behalf, so tick only what they agree to");
      expect(await page.locator("script").count()).toBe(0);
      await checkAccessible();

      await page.locator("#participate").check();
      await page.locator("#special_category").check();
      await page.locator("form button[type=submit]").click();
      await page.waitForURL(/\/q\//);
      await checkAccessible();
      await answerAll(page);
      expect(await bannerOf(page)).toContain(BANNER);
      await checkAccessible();

      await page.locator("form button[type=submit]").click();
      await page.waitForURL(/\/done$/);
      await pageLoaded(page);
      const done = await bannerOf(page);
      expect(done).toContain("recorded as a paper response you entered");
      expect(await page.getByTestId("receipt-code").textContent()).toMatch(/^[0-9A-Z-]+$/);
      await checkAccessible();

      const db = openDatabase(app.databaseUrl);
      try {
        const sent = await db.selectFrom("responses").select(["mode", "language", "status"]).where("survey_id", "=", surveyId).execute();
        expect(sent).toEqual([{ mode: "paper", language: "ur", status: "submitted" }]);
        const audit = await db.selectFrom("audit_log").select(["detail"]).where("action", "=", "response.entered_for_someone").execute();
        expect(audit).toEqual([{ detail: JSON.stringify({ mode: "paper" }) }]);
      } finally {
        await db.destroy();
      }

      // Enter another: straight back to the consent page, still marked.
      await page.getByRole("link", { name: "Enter another" }).click();
      await page.waitForURL(`${app.url}/s/${publicId}`);
      expect(await bannerOf(page)).toContain(BANNER);

      // Stop: back to the admin area in English, and the survey's pages are a parent's again.
      await page.getByRole("link", { name: "Stop entering responses for someone" }).click();
      await page.waitForURL(/\/assist\?stopped=1$/);
      await pageLoaded(page);
      expect(await page.locator("html").getAttribute("lang")).toBe("en");
      expect(await page.locator(".notification").first().textContent()).toContain("You have stopped entering responses for someone");
      await checkAccessible();
      await page.goto(`${app.url}/s/${publicId}`);
      expect(await page.getByRole("region", { name: "Entering a response for someone" }).count()).toBe(0);
      await context.close();
    },
  );
});
