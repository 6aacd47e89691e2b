/**
 * The young people's easy read survey in a phone browser with JavaScript off, in English and in
 * Urdu: larger text, a face beside each point of a 3-point scale (hidden from assistive
 * technology, the words always shown), an error when nothing is chosen, check answers, send,
 * receipt. axe-core on each page type; a small page with no script and no image fetched. Then
 * the board: the young people's KPIs on their own survey, never pooled with the parents'.
 */
import zlib from "node:zlib";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/db.server";
import { startApp, type RunningApp } from "../support/app";
import { chromiumPath, expectAccessible, launchBrowser, laptop, pageLoaded, phoneContext, signIn } from "../support/browser";

const SLUG = "young-people-easy-read";
const YP_KPIS = ["K1_YP", "K2_YP", "K13_YP"];

/** What the young person answers on each page. */
const ANSWERS: Record<string, string> = {
  yp_overall_experience: "good",
  yp_listened_to: "sometimes",
  yp_feedback_leads_to_change: "no",
  yp_what_would_help: "Someone to explain my plan to me. easy-read-marker-5521",
  yp_age_group: "age_16_18",
};

/** The faces on the current page, which has finished loading: one entry per radio, in order. */
async function facesOnPage(page: Page): Promise<{ face: string | null; hidden: string | null; label: string }[]> {
  return page.locator(".radios__item").evaluateAll((items) =>
    items.map((item) => {
      const svg = item.querySelector("svg.face");
      const label = item.querySelector("label")!;
      return {
        face: svg ? [...svg.classList].find((c) => c.startsWith("face--"))!.slice(6) : null,
        hidden: svg ? svg.getAttribute("aria-hidden") : null,
        label: label.textContent ?? "",
      };
    }),
  );
}

/** Answers the current question page and waits for the next one to load; returns the question code. */
async function answer(page: Page): Promise<string> {
  const here = page.url();
  const code = new URL(here).pathname.split("/").pop()!;
  const value = ANSWERS[code];
  if (code === "yp_what_would_help") await page.locator("textarea[name=answer]").fill(value);
  else await page.locator(`input[name=answer][value="${value}"]`).check();
  await page.locator("form button[value=continue]").click();
  await page.waitForURL((url) => url.href !== here);
  return code;
}

/** No horizontal scrolling at the page's width: nothing is cut off on a small phone. */
async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

describe.skipIf(!chromiumPath)("the young people's easy read survey", () => {
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

  async function storedResponses() {
    const db = openDatabase(app.databaseUrl);
    try {
      return await db
        .selectFrom("responses")
        .innerJoin("surveys", "surveys.id", "responses.survey_id")
        .select(["responses.id", "responses.language", "responses.respondent_role"])
        .where("surveys.slug", "=", SLUG)
        .where("responses.source", "!=", "demo")
        .where("responses.status", "=", "submitted")
        .execute();
    } finally {
      await db.destroy();
    }
  }

  it.each([
    {
      language: "en",
      dir: "ltr",
      title: "Children and young people's survey (easy read)",
      faces: ["Good", "OK", "Not good", "I don't know"],
    },
    {
      language: "ur",
      dir: "rtl",
      title: "بچوں اور نوجوانوں کا سروے (آسان زبان میں)",
      faces: ["اچھی", "ٹھیک ہے", "اچھی نہیں", "مجھے نہیں معلوم"],
    },
  ])(
    "$language: a phone with JavaScript off goes from the start page to a receipt",
    { timeout: 120_000 },
    async ({ language, dir, title, faces }) => {
      const context = await phoneContext(browser, { javaScript: false });
      const page = await context.newPage();
      const fetched: { type: string; url: string }[] = [];
      page.on("request", (request) => fetched.push({ type: request.resourceType(), url: request.url() }));
      await page.goto(`${app.url}/language?to=${language}&back=/`);
      expect(await page.locator("html").getAttribute("dir")).toBe(dir);
      // The survey is on the home page's list of open surveys.
      await page.getByRole("link", { name: title }).click();
      await expect.poll(() => page.locator("h1").textContent()).toBe(title);
      await pageLoaded(page);
      expect(await page.locator("main .easy-read").count()).toBe(1);
      expect(await page.locator("script").count()).toBe(0);
      // A young person consents about their own health, not "my child's", in easy read.
      expect(await page.locator("label[for=special_category]").textContent()).toBe(
        language === "en"
          ? "Yes, the forum can keep my answers about my health, disability and extra help."
          : "ہاں، فورم میری صحت، معذوری اور اضافی مدد کے بارے میں میرے جوابات رکھ سکتا ہے۔",
      );
      await page.locator("#participate").check();
      await page.locator("#special_category").check();
      await page.locator("form button[type=submit]").click();
      await page.waitForURL(/\/q\/yp_overall_experience$/);

      // Nothing chosen: an error summary linked to the whole question, and the page is still easy read.
      await page.locator("form button[value=continue]").click();
      await page.locator(".error-summary").waitFor();
      await pageLoaded(page);
      expect(await page.locator(".error-summary a").getAttribute("href")).toBe("#answer-yp_overall_experience-question");
      expect(await page.locator(".form-group--error .error-message").count()).toBe(1);
      expect(await page.locator("main .easy-read").count()).toBe(1);

      // A face beside each point of the scale, none beside "I don't know"; every label in words.
      const shown = await facesOnPage(page);
      expect(shown.map((s) => s.face)).toEqual(["happy", "neutral", "sad", null]);
      expect(shown.map((s) => s.hidden)).toEqual(["true", "true", "true", null]);
      expect(shown.map((s) => s.label)).toEqual(faces);
      // The faces add nothing to what a screen reader says: each radio's name is its label alone.
      for (const name of faces) expect(await page.getByRole("radio", { name, exact: true }).count()).toBe(1);
      expect(await page.locator("svg.face title, svg.face text").count()).toBe(0);

      // Larger text than a standard survey, targets of at least 24 px, nothing cut off at 390 px or at 360 px.
      const fontSize = await page.locator(".easy-read").evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      const bodySize = await page.locator("body").evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(fontSize).toBeGreaterThan(bodySize);
      for (const box of await page
        .locator(".radios__input, .radios__label, form button")
        .evaluateAll((els) => els.map((e) => e.getBoundingClientRect()))) {
        expect(box.width).toBeGreaterThanOrEqual(24);
        expect(box.height).toBeGreaterThanOrEqual(24);
      }
      expect(await fitsWidth(page)).toBe(true);
      await page.setViewportSize({ width: 360, height: 740 });
      expect(await fitsWidth(page)).toBe(true);
      // Right to left in Urdu: the radio sits at the start of the line, the right-hand side.
      const [radio, face] = await Promise.all([
        page.locator(".radios__input").first().boundingBox(),
        page.locator("svg.face").first().boundingBox(),
      ]);
      expect(dir === "rtl" ? radio!.x > face!.x : radio!.x < face!.x).toBe(true);

      // A small page: no script, no image fetched (the faces are drawn inline), under 50 KB with gzip.
      const html = await (await page.request.get(page.url())).text();
      const css = await (
        await page.request.get(new URL((await page.locator('link[rel="stylesheet"]').getAttribute("href"))!, app.url).href)
      ).text();
      expect(zlib.gzipSync(html).length + zlib.gzipSync(css).length).toBeLessThan(50_000);
      expect(fetched.filter((f) => f.type === "script")).toEqual([]);
      expect(fetched.filter((f) => f.type === "image" && !f.url.endsWith("/favicon.svg"))).toEqual([]);

      // Through every question: faces on each 3-point scale, none on the free text or the age question.
      const seen = [await answer(page)];
      const facesPerPage: Record<string, (string | null)[]> = {};
      while (/\/q\//.test(page.url())) {
        const code = new URL(page.url()).pathname.split("/").pop()!;
        facesPerPage[code] = (await facesOnPage(page)).map((s) => s.face);
        seen.push(await answer(page));
      }
      expect(seen).toEqual(Object.keys(ANSWERS));
      expect(facesPerPage).toEqual({
        yp_listened_to: ["happy", "neutral", "sad"],
        yp_feedback_leads_to_change: ["happy", "neutral", "sad", null],
        yp_what_would_help: [],
        yp_age_group: [null, null, null, null],
      });

      // Check answers, send, receipt.
      expect(page.url()).toMatch(/\/check$/);
      expect(await page.locator("main .easy-read").count()).toBe(1);
      expect(await page.locator(".summary-list").textContent()).toContain(faces[0]);
      const before = (await storedResponses()).length;
      await page.locator("form button[type=submit]").last().click();
      await page.waitForURL(/\/done$/);
      expect(await page.getByTestId("receipt-code").textContent()).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{2}$/);
      expect(await page.locator("html").getAttribute("dir")).toBe(dir);
      const stored = await storedResponses();
      expect(stored).toHaveLength(before + 1);
      expect(stored.filter((r) => r.language === language && r.respondent_role === "young_person").length).toBeGreaterThanOrEqual(1);
      await context.close();
    },
  );

  it.each(["en", "ur"])("has no axe-core violations on any page type in %s, errors showing", { timeout: 120_000 }, async (language) => {
    // axe-core runs in the page, so this phone runs JavaScript; the pages themselves send none.
    const context = await phoneContext(browser, { javaScript: true });
    const page = await context.newPage();
    await page.goto(`${app.url}/language?to=${language}&back=/`);
    await page.goto(`${app.url}/s/${app.publicIds[SLUG]}`);
    await expectAccessible(page);
    await page.locator("form button[type=submit]").click();
    await page.locator(".error-summary").waitFor();
    await pageLoaded(page);
    await expectAccessible(page);
    await page.locator("#participate").check();
    await page.locator("#special_category").check();
    await page.locator("form button[type=submit]").click();
    await page.waitForURL(/\/q\//);
    // A 3-point scale with faces, first with its error showing.
    await expectAccessible(page);
    await page.locator("form button[value=continue]").click();
    await page.locator(".error-summary").waitFor();
    await pageLoaded(page);
    await expectAccessible(page);
    // "Save and come back later" is easy read too, then back to the question.
    const question = page.url();
    await page.locator("form button[value=save]").click();
    await page.waitForURL(/\/save$/);
    expect(await page.locator("main .easy-read").count()).toBe(1);
    await expectAccessible(page);
    await page.goto(question);
    for (let i = 0; i < 5 && /\/q\//.test(page.url()); i++) {
      const code = await answer(page);
      // The free-text page and the age question (no faces) are page types of their own.
      if (code === "yp_feedback_leads_to_change" || code === "yp_what_would_help") await expectAccessible(page);
    }
    expect(page.url()).toMatch(/\/check$/);
    await expectAccessible(page);
    await page.locator("form button[type=submit]").last().click();
    await page.waitForURL(/\/done$/);
    await expectAccessible(page);
    await context.close();
  });

  it("the board shows the young people's KPIs for their survey only, never pooled with K1, K2 and K13", { timeout: 120_000 }, async () => {
    const { context, page } = await laptop(browser);
    await signIn(page, app, "board@example.org");
    await page.goto(`${app.url}/board?survey=${SLUG}&periodType=stocktake`);
    await pageLoaded(page);
    const young = await page.locator(".kpi-tile").evaluateAll((tiles) => tiles.map((t) => t.getAttribute("data-kpi")));
    expect(young).toEqual(YP_KPIS);
    // The sample responses give published figures, not only suppressed tiles.
    expect(await page.locator('.kpi-tile [data-figure="percent"]').count()).toBeGreaterThan(0);
    await page.goto(`${app.url}/board?survey=parent-carer-experience&periodType=stocktake`);
    await pageLoaded(page);
    const parent = await page.locator(".kpi-tile").evaluateAll((tiles) => tiles.map((t) => t.getAttribute("data-kpi")));
    expect(parent).toEqual(expect.arrayContaining(["K1", "K2", "K13"]));
    for (const id of YP_KPIS) expect(parent).not.toContain(id);
    // Breakdown by the young people's age group.
    await page.goto(`${app.url}/board?survey=${SLUG}&periodType=stocktake&by=yp_age_group`);
    await pageLoaded(page);
    expect(await page.locator("table caption", { hasText: "by age group" }).count()).toBe(YP_KPIS.length);
    await expectAccessible(page);
    await context.close();
  });
});
