/**
 * The survey builder in a desktop browser (1280×800, JavaScript on), and what a parent then sees
 * on a phone with JavaScript off.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/db.server";
import { DEMO_PASSWORD, startApp, type RunningApp } from "../support/app";
import { chromiumPath, expectAccessible, launchBrowser, pageLoaded, phoneContext } from "../support/browser";

const NEW_TITLE_EN = "Would a short break (respite) help your family?";
const NEW_TITLE_UR = "کیا مختصر وقفہ (ریسپائٹ) آپ کے خاندان کی مدد کرے گا؟";

async function signIn(browser: Browser, app: RunningApp, javaScript = true): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, javaScriptEnabled: javaScript });
  const page = await context.newPage();
  await page.goto(`${app.url}/login`);
  await page.locator("#email").fill("admin@example.org");
  await page.locator("#password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  return { context, page };
}

/** The "Urdu: 47 of 52 texts" indicator, as numbers. */
async function urduCompleteness(page: Page): Promise<{ done: number; total: number }> {
  const text = (await page.getByTestId("completeness-ur").textContent()) ?? "";
  const match = /Urdu: (\d+) of (\d+) texts/.exec(text);
  expect(match, text).not.toBeNull();
  return { done: Number(match![1]), total: Number(match![2]) };
}

/** The builder's question block whose code field holds `code`. */
async function questionIndex(page: Page, code: string): Promise<number> {
  const codes = await page
    .locator('input[id^="f-questions-"][id$="-code"]:not([id*="options"])')
    .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
  const index = codes.indexOf(code);
  expect(index, `question ${code} in ${codes.join(", ")}`).toBeGreaterThanOrEqual(0);
  return index;
}

/** Answers question pages (the first one loaded) until the check page, choosing `script[code]` or the first option. */
async function answerAll(page: Page, script: Record<string, string>): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < 40 && /\/q\//.test(page.url()); i++) {
    const code = new URL(page.url()).pathname.split("/").pop()!;
    seen.push(code);
    const textbox = page.locator("textarea[name=answer], input[type=text][name=answer]");
    if ((await textbox.count()) === 0) {
      const wanted = script[code];
      await (wanted ? page.locator(`input[name=answer][value="${wanted}"]`) : page.locator("input[name=answer]").first()).check();
    }
    const question = page.url();
    await page.getByRole("button", { name: "Continue" }).click();
    // The next page is at another address; waitForURL also waits for it to finish loading.
    await page.waitForURL((url) => url.href !== question);
  }
  expect(page.url()).toMatch(/\/check$/);
  return seen;
}

async function parentRoute(
  browser: Browser,
  app: RunningApp,
  publicId: string,
  overall: string,
): Promise<{ seen: string[]; titles: string[] }> {
  const context = await phoneContext(browser, { javaScript: false });
  const page = await context.newPage();
  await page.goto(`${app.url}/s/${publicId}`);
  expect(await page.locator("script").count()).toBe(0);
  await page.locator("#participate").check();
  await page.locator("#special_category").check();
  await page.getByRole("button", { name: "Start now" }).click();
  await page.waitForURL(/\/q\//);
  const titles: string[] = [];
  const seen = await answerAll(page, { overall_experience: overall });
  // The question's own page, visited again to read its wording.
  if (seen.includes("respite_wanted")) {
    await page.goto(`${app.url}/s/${publicId}/q/respite_wanted`);
    titles.push((await page.locator("h1").textContent()) ?? "");
  }
  await context.close();
  return { seen, titles };
}

describe.skipIf(!chromiumPath)("the survey builder", () => {
  let app: RunningApp;
  let browser: Browser;
  let surveyPath = "";
  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it(
    "builds a survey from the parent template, translates, previews in Urdu and publishes; parents are routed to the new question",
    { timeout: 240_000 },
    async () => {
      const { context, page } = await signIn(browser, app);
      await page.goto(`${app.url}/admin/surveys`);
      expect(await page.locator("h1").textContent()).toBe("Surveys");
      await expectAccessible(page);
      await page.getByRole("link", { name: "Create a survey" }).click();

      // A slug that is not a slug is refused with the typed value kept.
      await page.locator("#slug").fill("Autumn survey!");
      await page.getByRole("button", { name: "Create the draft" }).click();
      expect(await page.locator(".error-summary").textContent()).toContain("Use lower-case letters, digits and single hyphens");
      expect(await page.locator("#slug").inputValue()).toBe("Autumn survey!");
      await page.locator("#slug").fill("parents-autumn-2026");
      await page.getByRole("button", { name: "Create the draft" }).click();
      await page.waitForURL(/\/edit\?created=1$/);
      surveyPath = new URL(page.url()).pathname.replace(/\/edit$/, "");

      // The builder hydrates: its buttons act in the page.
      await page.waitForFunction(() => !document.querySelector('button[value="show_language"]'));
      expect(await page.locator(".builder-question").count()).toBe(20);
      const first = page.locator(".builder-question").first();
      expect(await first.locator(".builder-kpis").textContent()).toContain("Feeds K1 Overall experience");
      await expectAccessible(page);
      const before = await urduCompleteness(page);
      expect(before.done).toBe(before.total);

      // Add a question, routed on the first one.
      await page.getByRole("button", { name: "Add a question" }).click();
      expect(await page.locator(".builder-question").count()).toBe(21);
      const n = 20;
      await page.locator(`#f-questions-${n}-code`).fill("respite_wanted");
      await page.locator(`#f-questions-${n}-type`).selectOption("yes_no");
      await page.locator(`#f-questions-${n}-title-en`).fill(NEW_TITLE_EN);
      await page.locator(`#f-questions-${n}-showWhen-question`).selectOption("overall_experience");
      await page.locator(`#f-questions-${n}-showWhen-anyOf`).getByLabel("Poor", { exact: true }).check();
      await page.locator(`#f-questions-${n}-showWhen-anyOf`).getByLabel("Very poor").check();
      const added = await urduCompleteness(page);
      expect(added).toEqual({ done: before.done, total: before.total + 1 });

      // Its Urdu translation, beside the English.
      const urdu = page.locator(`#f-questions-${n}-title-ur`);
      expect(await urdu.isVisible()).toBe(true);
      await urdu.fill(NEW_TITLE_UR);
      expect(await urduCompleteness(page)).toEqual({ done: before.done + 1, total: before.total + 1 });
      // Every other language of the survey too: a survey is published only when it is whole in each.
      for (const language of ["pa", "bn", "ar", "pl", "ro", "so", "ps"]) {
        await page.locator("#chosen_language").selectOption(language);
        await page.locator(`#f-questions-${n}-title-${language}`).fill(`(${language}) ${NEW_TITLE_EN}`);
      }
      await page.locator("#chosen_language").selectOption("ur");

      await page.getByRole("button", { name: "Save draft" }).first().click();
      await page.waitForURL(/saved=1/);
      await expect.poll(() => page.locator(".notification").textContent()).toContain("Draft saved as version 1");
      expect(await page.locator(`#f-questions-${n}-code`).inputValue()).toBe("respite_wanted");
      expect(await urduCompleteness(page)).toEqual({ done: before.done + 1, total: before.total + 1 });

      // Preview in Urdu, as a parent would see it.
      await page.goto(`${app.url}${surveyPath}/preview?lang=ur&step=respite_wanted`);
      expect(await page.locator(".builder-preview h1").textContent()).toContain(NEW_TITLE_UR);
      expect(await page.locator(".builder-preview").getAttribute("dir")).toBe("rtl");
      expect(await page.locator(".builder-preview-bar").textContent()).toContain("Asked only when overall_experience is poor or very_poor");
      await expectAccessible(page);

      // Publish.
      await page.goto(`${app.url}${surveyPath}`);
      await page.getByRole("button", { name: "Publish version 1" }).click();
      expect(await page.locator(".notification").textContent()).toContain("Version 1 is published");
      const link = (await page.getByRole("link", { name: /\/s\/[a-z0-9]+$/ }).textContent())!;
      const publicId = link.split("/s/")[1];
      // The survey page, after publishing (axe needs JavaScript in the page, so it runs here).
      await pageLoaded(page);
      await expectAccessible(page);
      await context.close();

      // Each step is in the audit log, without any survey text.
      const db = openDatabase(app.databaseUrl);
      try {
        const actions = await db
          .selectFrom("audit_log")
          .select(["action", "detail"])
          .where("action", "like", "survey.%")
          .orderBy("at")
          .execute();
        expect(actions.map((a) => a.action)).toEqual(["survey.created", "survey.draft_saved", "survey.published"]);
        expect(actions.map((a) => a.detail ?? "").join(" ")).not.toContain("respite");
      } finally {
        await db.destroy();
      }

      // A parent whose experience was poor is asked the new question; one whose was very good is not.
      const poor = await parentRoute(browser, app, publicId, "poor");
      expect(poor.seen).toContain("respite_wanted");
      expect(poor.titles[0]).toContain(NEW_TITLE_EN);
      const good = await parentRoute(browser, app, publicId, "very_good");
      expect(good.seen).not.toContain("respite_wanted");
      expect(good.seen).toContain("overall_experience");
    },
  );

  it("refuses a routing rule that points at nothing and a changed published code, saying why", { timeout: 240_000 }, async () => {
    expect(surveyPath, "the first test publishes the survey this one edits").not.toBe("");
    const { context, page } = await signIn(browser, app);
    await page.goto(`${app.url}${surveyPath}/edit`);
    await page.waitForFunction(() => !document.querySelector('button[value="show_language"]'));
    expect(await page.getByTestId("version-text").textContent()).toContain("Saving here starts version 2 as a draft");

    // Deleting the question the new one is routed on leaves its rule pointing at nothing.
    const first = page.locator(".builder-question").first();
    await first.getByRole("button", { name: "Delete question 1" }).click();
    await page.getByRole("button", { name: "Save draft" }).first().click();
    const summary = page.locator(".error-summary").first();
    await expect.poll(() => summary.textContent()).toContain("Routing points at overall_experience, which is not an earlier question");
    const index = await questionIndex(page, "respite_wanted");
    expect(await summary.locator("a", { hasText: "Routing points at" }).getAttribute("href")).toBe(
      `#f-questions-${index}-showWhen-question`,
    );
    expect(await page.locator(`#f-questions-${index}-showWhen-question`).inputValue()).toBe("overall_experience");

    // Start again from what is stored, and rename a published code.
    await page.reload();
    await page.waitForFunction(() => !document.querySelector('button[value="show_language"]'));
    await page.locator("#f-questions-1-code").fill("felt_listened_to");
    await page.getByRole("button", { name: "Save draft" }).first().click();
    await expect
      .poll(() => page.locator(".error-summary").first().textContent())
      .toContain("The code of a published question cannot change (it was listened_to). Add a new question instead.");
    expect(await page.locator("#f-questions-1-code").inputValue()).toBe("felt_listened_to");
    await context.close();

    // Without JavaScript the same form posts to the server, which refuses it the same way and keeps the values.
    const plain = await signIn(browser, app, false);
    await plain.page.goto(`${app.url}${surveyPath}/edit`);
    await plain.page.locator("#f-questions-1-code").fill("felt_listened_to");
    await plain.page.locator("#f-questions-1-title-en").fill("Changed wording");
    await plain.page.getByRole("button", { name: "Save draft" }).first().click();
    expect(await plain.page.locator(".error-summary").first().textContent()).toContain(
      "The code of a published question cannot change (it was listened_to)",
    );
    expect(await plain.page.locator("#f-questions-1-title-en").inputValue()).toBe("Changed wording");
    // The builder's buttons work without JavaScript too, keeping what was typed.
    await plain.page.getByRole("button", { name: "Add a question" }).click();
    // count() does not wait: let the re-rendered page finish loading first.
    await pageLoaded(plain.page);
    await expect.poll(() => plain.page.locator(".builder-question").count()).toBe(22);
    expect(await plain.page.locator("#f-questions-1-title-en").inputValue()).toBe("Changed wording");
    // Nothing was stored: there is still no draft.
    await plain.page.goto(`${app.url}${surveyPath}`);
    expect(await plain.page.getByRole("button", { name: /Publish version/ }).count()).toBe(0);

    // The whole survey as JSON: checked by the same schema, errors named by path.
    await plain.page.goto(`${app.url}${surveyPath}/edit`);
    const stored = JSON.parse(await plain.page.locator("#definition_json").inputValue()) as {
      questions: { code: string; showWhen?: { question: string; anyOf: string[] }; title: { en: string } }[];
    };
    const last = stored.questions.length - 1;
    stored.questions[last].showWhen = { question: "nothing_here", anyOf: ["yes"] };
    await plain.page.locator(".builder-json summary").click();
    await plain.page.locator("#definition_json").fill(JSON.stringify(stored));
    await plain.page.getByRole("button", { name: "Save the JSON as the draft" }).click();
    expect(await plain.page.locator(".builder-json .error-summary").textContent()).toContain(
      `questions.${last}.showWhen.question: Routing points at nothing_here, which is not an earlier question`,
    );
    stored.questions[last].showWhen = { question: "overall_experience", anyOf: ["very_poor"] };
    stored.questions[last].title.en = "Would a short break help?";
    await plain.page.locator("#definition_json").fill(JSON.stringify(stored));
    await plain.page.getByRole("button", { name: "Save the JSON as the draft" }).click();
    expect(await plain.page.locator(".notification").textContent()).toContain("Draft saved as version 2");
    expect(await plain.page.locator(`#f-questions-${last}-title-en`).inputValue()).toBe("Would a short break help?");
    await plain.context.close();
  });

  it("dates, closing, opening and duplicating from the survey page, without JavaScript", { timeout: 240_000 }, async () => {
    // The seeded parent survey, open since the app started.
    const { context, page } = await signIn(browser, app, false);
    await page.goto(`${app.url}/admin/surveys`);
    await page.locator("tbody tr", { hasText: "parent-carer-experience" }).getByRole("link").first().click();
    await page.waitForURL(/\/admin\/surveys\/[^/?]+$/);
    const seededPath = new URL(page.url()).pathname;
    const publicId = app.publicIds["parent-carer-experience"];
    expect(await page.locator("main").textContent()).toContain(`/s/${publicId}`);
    const parent = await phoneContext(browser, { javaScript: false });
    const parentPage = await parent.newPage();
    // A fresh address each time: Chromium may keep a 410 page in its cache (the start page sends no Cache-Control).
    let visit = 0;
    const startStatus = async () => (await parentPage.goto(`${app.url}/s/${publicId}?visit=${++visit}`))!.status();
    expect(await startStatus()).toBe(200);

    // A last day before the first is refused, with both dates kept.
    await page.locator("#opens_on").fill("2026-06-02");
    await page.locator("#last_day").fill("2026-06-01");
    await page.getByRole("button", { name: "Save dates" }).click();
    expect(await page.locator(".error-summary").textContent()).toContain("The last day must be on or after the day it opens");
    expect(await page.locator("#last_day").inputValue()).toBe("2026-06-01");

    // A last day in the past closes the public start page.
    await page.locator("#opens_on").fill("2020-01-01");
    await page.locator("#last_day").fill("2020-12-31");
    await page.getByRole("button", { name: "Save dates" }).click();
    expect(await page.locator(".notification").textContent()).toContain("Dates saved");
    await pageLoaded(page);
    expect(await page.locator("main").textContent()).toContain("Last day 31 Dec 2020");
    expect(await startStatus()).toBe(410);
    expect(await parentPage.locator("h1").textContent()).toBe("This survey is closed");
    await page.locator("#opens_on").fill("");
    await page.locator("#last_day").fill("");
    await page.getByRole("button", { name: "Save dates" }).click();
    // Same address and notice as the page before: it is click() that returns only once the new page has replaced it.
    expect(await page.locator(".notification").textContent()).toContain("Dates saved");
    await pageLoaded(page);
    expect(await page.locator("main").textContent()).toContain("No opening date. No closing date.");
    expect(await startStatus()).toBe(200);

    await page.getByRole("button", { name: "Close the survey" }).click();
    expect(await page.locator(".notification").textContent()).toContain("The survey is closed");
    expect(await startStatus()).toBe(410);
    await page.getByRole("button", { name: "Open the survey" }).click();
    expect(await startStatus()).toBe(200);

    // A copy needs a short name of its own.
    await page.locator("#slug").fill("senco-experience");
    await page.getByRole("button", { name: "Duplicate this survey" }).click();
    expect(await page.locator(".error-summary").textContent()).toContain("Another survey in this forum already uses senco-experience");
    await page.locator("#slug").fill("parents-spring-2027");
    await page.getByRole("button", { name: "Duplicate this survey" }).click();
    expect(await page.locator(".notification").textContent()).toContain("Copy made");
    expect(new URL(page.url()).pathname).not.toBe(seededPath);
    await pageLoaded(page);
    expect(await page.getByRole("button", { name: "Publish version 1" }).count()).toBe(1);

    await page.goto(`${app.url}/admin/surveys`);
    const rows = await page.locator("tbody tr").allTextContents();
    expect(rows.find((r) => r.includes("parents-spring-2027"))).toContain("Not published");
    await parent.close();
    await context.close();
  });
});
