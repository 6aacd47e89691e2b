import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/db.server";
import { startApp, type RunningApp } from "../support/app";
import { chromiumPath, expectAccessible, launchBrowser, pageLoaded, phoneContext } from "../support/browser";

/** What a parent picks on each page; anything not listed gets the first option. */
type Script = Record<string, string>;

const PLAN_ROUTE: Script = {
  ehcp_stage: "final",
  what_would_help: "A named caseworker who answers emails. unique-answer-marker-7731",
};

/** Answers the current question page, which has finished loading, and waits for the next page to load. */
async function answerPage(page: Page, script: Script): Promise<string> {
  const question = page.url();
  const code = new URL(question).pathname.split("/").pop()!;
  const wanted = script[code];
  const textbox = page.locator("textarea[name=answer], input[type=text][name=answer]");
  if ((await textbox.count()) > 0) {
    if (wanted) await textbox.fill(wanted);
  } else {
    const choice = wanted ? page.locator(`input[name=answer][value="${wanted}"]`) : page.locator("input[name=answer]").first();
    await choice.check();
  }
  await page
    .getByRole("button", { name: /Continue|جاری/ })
    .first()
    .click();
  // The next question or the check page is at another address; waitForURL also waits for it to load.
  await page.waitForURL((url) => url.href !== question);
  return code;
}

/** Answers question pages until the check-answers page; returns the codes seen in order. */
async function answerAll(page: Page, script: Script): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < 40 && /\/q\//.test(page.url()); i++) seen.push(await answerPage(page, script));
  expect(page.url()).toMatch(/\/check$/);
  return seen;
}

async function startSurvey(page: Page, app: RunningApp) {
  await page.goto(`${app.url}/s/${app.publicIds["parent-carer-experience"]}`);
  await page.locator("#participate").check();
  await page.locator("#special_category").check();
  await page.getByRole("button", { name: /Start now|ابھی شروع/ }).click();
  await page.waitForURL(/\/q\//);
}

describe.skipIf(!chromiumPath)("the parent's journey in a phone browser", () => {
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

  async function countResponses() {
    const db = openDatabase(app.databaseUrl);
    try {
      const rows = await db.selectFrom("responses").select(["status", "language"]).execute();
      return rows;
    } finally {
      await db.destroy();
    }
  }

  it("completes the survey with JavaScript off, through routing, and gets a receipt that withdraws it", async () => {
    const context = await phoneContext(browser, { javaScript: false });
    const page = await context.newPage();
    await page.goto(app.url);
    await page.getByRole("link", { name: "Parent carer experience survey" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Parent carer experience survey");
    await pageLoaded(page);
    expect(await page.locator("script").count()).toBe(0);

    // Start without consent: an error summary linked to the field, and nothing stored.
    await page.getByRole("button", { name: "Start now" }).click();
    expect(await page.locator(".error-summary").textContent()).toContain("Tick the box to agree to take part");
    expect(await page.locator(".error-summary a").first().getAttribute("href")).toBe("#participate");
    expect(await countResponses()).toEqual([]);
    await page.locator("#participate").check();
    await page.locator("#special_category").check();
    await page.getByRole("button", { name: "Start now" }).click();

    // The first question: a heading, progress that counts the routed questions, an error when empty.
    expect(await page.locator("h1").textContent()).toContain("Question 1 of 11");
    await page.getByRole("button", { name: "Continue" }).click();
    expect(await page.locator(".error-summary").textContent()).toContain("Select an answer");
    // The link shows the whole question (its fieldset), heading first.
    expect(await page.locator(".error-summary a").getAttribute("href")).toBe("#answer-overall_experience-question");
    await pageLoaded(page);

    const seen = await answerAll(page, PLAN_ROUTE);
    // With a final plan, all eight plan questions are asked: 20 in all.
    expect(seen).toHaveLength(20);
    expect(seen).toContain("plan_outcomes_achievable");

    // Change an answer from the check page and come straight back.
    await page.locator('a[href$="q/listened_to?change=1"]').click();
    await page.locator('input[value="strongly_disagree"]').check();
    await page.getByRole("button", { name: "Continue" }).click();
    expect(page.url()).toMatch(/\/check$/);
    await pageLoaded(page);
    expect(await page.locator(".summary-list").textContent()).toContain("Strongly disagree");

    await page.getByRole("button", { name: "Send my answers" }).click();
    expect(await page.locator("h1").textContent()).toBe("Your answers have been sent");
    const receipt = (await page.getByTestId("receipt-code").textContent())!.trim();
    expect(receipt).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{2}$/);
    expect(await countResponses()).toEqual([{ status: "submitted", language: "en" }]);
    // An answer never reaches the server's output or the audit log.
    expect(app.output()).not.toContain("unique-answer-marker-7731");
    expect(app.output()).not.toContain("A named caseworker");
    {
      const db = openDatabase(app.databaseUrl);
      const entries = await db.selectFrom("audit_log").select(["action", "subject", "detail"]).execute();
      await db.destroy();
      expect(JSON.stringify(entries)).not.toContain("unique-answer-marker-7731");
    }

    // Replaying a question form after submission changes nothing.
    const replay = await page.request.post(`${app.url}/s/${app.publicIds["parent-carer-experience"]}/q/overall_experience`, {
      form: { answer: "very_poor", intent: "continue" },
      headers: { Origin: app.url },
      maxRedirects: 0,
    });
    expect(replay.status()).toBe(409);

    // Withdraw with the receipt code.
    await page.goto(`${app.url}/receipt`);
    await page.locator("#code").fill(receipt.toLowerCase());
    await page.getByRole("button", { name: "Find my response" }).click();
    expect(await page.getByTestId("receipt-found").textContent()).toContain("Parent carer experience survey");
    await page.getByRole("button", { name: "Withdraw my response" }).click();
    expect(await page.locator(".error-summary").textContent()).toContain("Tick the box to confirm");
    await page.locator("#confirm").check();
    await page.getByRole("button", { name: "Withdraw my response" }).click();
    expect(await page.locator("h1").textContent()).toBe("Your response has been withdrawn");
    expect(await countResponses()).toEqual([]);
    await context.close();
  });

  it("with JavaScript on, a double tap on Send stores one response", async () => {
    const context = await phoneContext(browser, { javaScript: true });
    const page = await context.newPage();
    await startSurvey(page, app);
    await answerAll(page, {});
    const before = (await countResponses()).filter((r) => r.status === "submitted").length;
    const button = page.getByRole("button", { name: "Send my answers" });
    await button.dblclick();
    await page.waitForURL(/\/done$/);
    // A retried POST of the same form, as a flaky network would send it.
    const retry = await page.request.post(`${app.url}/s/${app.publicIds["parent-carer-experience"]}/check`, {
      form: {},
      headers: { Origin: app.url },
      maxRedirects: 0,
    });
    expect(retry.status()).toBe(302);
    const after = (await countResponses()).filter((r) => r.status === "submitted").length;
    expect(after - before).toBe(1);
    await context.close();
  });

  it("saves, and resumes on a fresh browser with the code, keeping every answer", async () => {
    const first = await phoneContext(browser, { javaScript: false });
    const page = await first.newPage();
    await startSurvey(page, app);
    await answerPage(page, { overall_experience: "poor" });
    await answerPage(page, { listened_to: "disagree" });
    await page.locator('input[value="not_very"]').check();
    await page.getByRole("button", { name: "Save and come back later" }).click();
    const code = (await page.getByTestId("resume-code").textContent())!.trim();
    await first.close();

    const second = await phoneContext(browser, { javaScript: false });
    const other = await second.newPage();
    await other.goto(`${app.url}/resume`);
    await other.locator("#code").fill("WRONG-CODE0");
    await other.getByRole("button", { name: "Continue" }).click();
    expect(await other.locator(".error-summary").textContent()).toContain("We could not find a saved survey");
    expect(await other.locator("#code").inputValue()).toBe("WRONG-CODE0");
    await other.locator("#code").fill(code.toLowerCase().replace("-", " "));
    await other.getByRole("button", { name: "Continue" }).click();
    // Back where they stopped: the stage question, with the three answers kept.
    expect(other.url()).toMatch(/\/q\/ehcp_stage$/);
    await other.getByRole("link", { name: "Back" }).click();
    expect(await other.locator('input[value="not_very"]').isChecked()).toBe(true);
    await second.close();

    // Whoever else holds the link gets nowhere: the code was spent when it was used. Opening the
    // link itself spends nothing (a chat app's preview must not use it up): it fills in the form.
    const third = await phoneContext(browser, { javaScript: false });
    const snooper = await third.newPage();
    await snooper.goto(`${app.url}/resume/${code}`);
    expect(new URL(snooper.url()).pathname).toBe("/resume");
    expect(await snooper.locator("#code").inputValue()).toBe(code);
    await snooper.getByRole("button", { name: "Continue" }).click();
    await snooper.locator(".error-summary").waitFor();
    await pageLoaded(snooper);
    expect(await snooper.locator(".error-summary").textContent()).toContain("We could not find a saved survey");
    await third.close();
  });

  it("a question routing skips, an unknown survey and an over-long answer get clear 4xx pages", async () => {
    const context = await phoneContext(browser, { javaScript: false });
    const page = await context.newPage();
    await startSurvey(page, app);
    const base = `${app.url}/s/${app.publicIds["parent-carer-experience"]}`;
    const skipped = await page.goto(`${base}/q/plan_needs_accurate`);
    expect(skipped?.status()).toBe(400);
    expect(await page.locator("h1").textContent()).toBe("This question is not part of your survey");
    const forged = await page.request.post(`${base}/q/plan_needs_accurate`, {
      form: { answer: "agree" },
      headers: { Origin: app.url },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(400);
    const unknownQuestion = await page.goto(`${base}/q/no_such_question`);
    expect(unknownQuestion?.status()).toBe(404);
    const unknownSurvey = await page.goto(`${app.url}/s/doesnotexist1`);
    expect(unknownSurvey?.status()).toBe(404);
    expect(await page.locator("h1").textContent()).toBe("Page not found");
    const badOption = await page.request.post(`${base}/q/overall_experience`, {
      form: { answer: "superb" },
      headers: { Origin: app.url },
      maxRedirects: 0,
    });
    expect(badOption.status()).toBe(400);

    // An over-long free-text answer: a clear message, and the text kept for editing.
    await page.goto(`${base}/q/overall_experience`);
    await answerAll(page, {});
    await page.goto(`${base}/q/what_would_help`);
    const long = "word ".repeat(300);
    await page.locator("textarea").fill(long);
    await page.getByRole("button", { name: "Continue" }).click();
    expect(await page.locator(".error-summary").textContent()).toContain("1,000 characters or fewer");
    // A long textarea's value can arrive in more than one piece of the streamed page.
    await pageLoaded(page);
    expect(await page.locator("textarea").inputValue()).toBe(long);
    await context.close();
  });

  it("in Urdu, right to left, the response records its language", async () => {
    const context = await phoneContext(browser, { javaScript: false });
    const page = await context.newPage();
    await page.goto(app.url);
    await page.getByRole("link", { name: "اردو" }).click();
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    expect(await page.locator("html").getAttribute("lang")).toBe("ur");
    await startSurvey(page, app);
    expect(await page.locator("h1 .caption-m").textContent()).toMatch(/11/);
    await answerAll(page, {});
    const before = (await countResponses()).filter((r) => r.language === "ur" && r.status === "submitted").length;
    await page.locator("form button[type=submit]").last().click();
    await page.waitForURL(/\/done$/);
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    const after = (await countResponses()).filter((r) => r.language === "ur" && r.status === "submitted").length;
    expect(after - before).toBe(1);
    await context.close();
  });

  it.each(["en", "ur"])("has no axe-core violations on any public page in %s, with errors showing", async (language) => {
    const context = await phoneContext(browser, { javaScript: true });
    const page = await context.newPage();
    const base = `${app.url}/s/${app.publicIds["parent-carer-experience"]}`;
    {
      await page.goto(`${app.url}/language?to=${language}&back=/`);
      for (const path of ["/", "/privacy", "/accessibility", "/methodology", "/resume", "/receipt", "/s/nope1234"]) {
        await page.goto(app.url + path);
        await expectAccessible(page);
      }
      await page.goto(base);
      await expectAccessible(page);
      // Each page is checked once it has finished loading: first something only it has, then the rest.
      await page.locator("form button[type=submit]").click();
      await page.locator(".error-summary").waitFor();
      await pageLoaded(page);
      await expectAccessible(page);
      await page.locator("#participate").check();
      await page.locator("#special_category").check();
      await page.locator("form button[type=submit]").click();
      await page.waitForURL(/\/q\//);
      await page.locator("form button[type=submit]").first().click();
      await page.locator(".error-summary").waitFor();
      await pageLoaded(page);
      await expectAccessible(page);
      await answerAll(page, { ehcp_stage: "final" });
      await expectAccessible(page);
      await page.locator('a[href$="q/what_would_help?change=1"]').click();
      await page.waitForURL(/q\/what_would_help\?change=1$/);
      await expectAccessible(page);
      await page.goto(`${base}/q/overall_experience`);
      await page.locator("form button[type=submit]").last().click();
      await page.waitForURL(/\/save$/);
      await expectAccessible(page);
      await page.goto(`${base}/check`);
      await page.locator("form button[type=submit]").last().click();
      await page.waitForURL(/\/done$/);
      await expectAccessible(page);
      await page.context().clearCookies();
    }
    await context.close();
  });
});
