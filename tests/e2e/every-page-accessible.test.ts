import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/db.server";
import { en } from "~/i18n/en";
import { ur } from "~/i18n/ur";
import { ensureQueued } from "~/models/moderation-queue.server";
import { createInvitation } from "~/models/user-invitations.server";
import type { Role } from "../../db/schema";
import { sidewaysScroll, undersizedTargets } from "../support/accessibility";
import { startApp, type RunningApp } from "../support/app";
import { axeViolations, chromiumPath, launchBrowser, pageLoaded, phoneContext, signIn } from "../support/browser";
import { KNOWN_ROUTES, pagesFor, type RouteParams, type Visitor } from "../support/page-routes";

const LANGUAGES = [
  ["en", en],
  ["ur", ur],
] as const;
type Language = (typeof LANGUAGES)[number][0];
const STAFF_EMAIL: Record<Role, string> = {
  admin: "admin@example.org",
  moderator: "moderator@example.org",
  board: "board@example.org",
};

/** Signing in, joining and resetting a password are staff pages, in English only. */
const STAFF_ENGLISH = /^\/(login|join|reset)(\/|$)/;
/** Each sweep opens dozens of pages and runs axe-core on each: minutes on a busy machine. */
const SWEEP_TIMEOUT = 900_000;

/** Every route of the built app, as a pattern such as /s/:publicId. */
async function routePatterns(): Promise<string[]> {
  const build = await import(pathToFileURL(path.resolve("build/index.js")).href);
  const routes = build.routes as Record<string, { path?: string; parentId?: string }>;
  const fullPath = (id: string): string => {
    const route = routes[id];
    const parent = route.parentId ? fullPath(route.parentId) : "";
    return route.path ? `${parent.replace(/\/$/, "")}/${route.path}` : parent;
  };
  return Object.keys(routes)
    .filter((id) => id !== "root")
    .map((id) => fullPath(id) || "/");
}

/**
 * What is wrong with the page a visitor is on, at 320 px: axe-core's WCAG 2.2 A and AA
 * violations, sideways scrolling, targets too small to tap, and the wrong language.
 */
async function pageProblems(page: Page, expected: { lang: string; dir: string }): Promise<string[]> {
  await pageLoaded(page);
  const problems = await axeViolations(page);
  const scroll = await sidewaysScroll(page);
  if (scroll > 0) problems.push(`scrolls sideways by ${scroll} px at 320 px`);
  problems.push(...(await undersizedTargets(page)).map((target) => `target under 24 px: ${target}`));
  const html = page.locator("html");
  const lang = await html.getAttribute("lang");
  const dir = await html.getAttribute("dir");
  if (lang !== expected.lang || dir !== expected.dir)
    problems.push(`lang="${lang}" dir="${dir}", expected ${expected.lang} ${expected.dir}`);
  return problems;
}

/**
 * Every public page and every staff page, as each role, in English and in Urdu (right to left),
 * on a 320 px phone: no axe-core violations (WCAG 2.2 A and AA), no sideways scrolling, every
 * target 24 px or spaced as WCAG allows, and staff pages in English whatever the visitor chose.
 */
describe.skipIf(!chromiumPath)("every page is accessible, in English and in Urdu, on a 320 px phone", () => {
  let app: RunningApp;
  let browser: Browser;
  const params = {} as RouteParams;

  beforeAll(async () => {
    app = await startApp({ SEED_SAMPLE_RESPONSES: "1" });
    browser = await launchBrowser();
    const db = openDatabase(app.databaseUrl);
    try {
      const survey = await db
        .selectFrom("surveys")
        .select(["id", "forum_id"])
        .where("public_id", "=", app.publicIds["parent-carer-experience"])
        .executeTakeFirstOrThrow();
      await ensureQueued(db, survey.forum_id);
      const item = await db.selectFrom("moderation_items").select("id").where("forum_id", "=", survey.forum_id).executeTakeFirstOrThrow();
      const yswd = await db
        .selectFrom("yswd_items")
        .select(["id", "reference"])
        .where("forum_id", "=", survey.forum_id)
        .where("published_at", "is not", null)
        .where("visibility", "=", "public")
        .orderBy("reference")
        .executeTakeFirstOrThrow();
      // The newest response: retention may delete the oldest sample responses while the sweep runs.
      const response = await db
        .selectFrom("responses")
        .select("id")
        .where("survey_id", "=", survey.id)
        .where("status", "=", "submitted")
        .orderBy("submitted_on", "desc")
        .orderBy("id")
        .executeTakeFirstOrThrow();
      const contactId = "sweep-contact-request";
      await db
        .insertInto("follow_up_contacts")
        .values({
          id: contactId,
          forum_id: survey.forum_id,
          response_id: response.id,
          name: "Sam Parent",
          contact: "07700 900123",
          created_at: new Date().toISOString(),
        })
        .execute();
      const admin = await db.selectFrom("users").select("id").where("email", "=", STAFF_EMAIL.admin).executeTakeFirstOrThrow();
      const moderator = await db.selectFrom("users").select("id").where("email", "=", STAFF_EMAIL.moderator).executeTakeFirstOrThrow();
      Object.assign(params, {
        publicId: app.publicIds["parent-carer-experience"],
        youngPeopleId: app.publicIds["young-people-easy-read"],
        surveyId: survey.id,
        itemId: item.id,
        yswdItemId: yswd.id,
        reference: yswd.reference,
        userId: moderator.id,
        invitation: app.invitationLinks[0],
        joinToken: await createInvitation(db, {
          forumId: survey.forum_id,
          kind: "join",
          role: "moderator",
          email: "new-volunteer@example.org",
          createdBy: admin.id,
        }),
        resetToken: await createInvitation(db, { forumId: survey.forum_id, kind: "reset", userId: moderator.id, createdBy: admin.id }),
        contactId,
      } satisfies RouteParams);
    } finally {
      await db.destroy();
    }
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  /** A 320 px phone whose visitor chose `language` from the language list. */
  async function phoneIn(language: Language): Promise<{ context: BrowserContext; page: Page }> {
    const context = await phoneContext(browser, { width: 320, locale: "en-GB" });
    const page = await context.newPage();
    await page.goto(`${app.url}/language?to=${language}&back=/`);
    return { context, page };
  }

  it("the sweep covers every route of the app", async () => {
    const missing = (await routePatterns()).filter((pattern) => !KNOWN_ROUTES.has(pattern));
    expect(missing, "add these routes to tests/support/page-routes.ts").toEqual([]);
  });

  const VISITORS: Visitor[] = ["public", "admin", "moderator", "board"];
  it.each(VISITORS.flatMap((visitor) => LANGUAGES.map(([language]) => [visitor, language] as const)))(
    "%s pages, visitor's language %s",
    async (visitor, language) => {
      const { context, page } = await phoneIn(language);
      try {
        if (visitor !== "public") await signIn(page, app, STAFF_EMAIL[visitor]);
        const problems: Record<string, string[]> = {};
        for (const address of pagesFor(visitor, params)) {
          const response = await page.goto(app.url + address);
          const english = visitor !== "public" || STAFF_ENGLISH.test(address);
          const found = await pageProblems(
            page,
            english ? { lang: "en", dir: "ltr" } : { lang: language, dir: language === "ur" ? "rtl" : "ltr" },
          );
          if ((response?.status() ?? 0) >= 400) found.unshift(`answered ${response?.status()}`);
          if (found.length > 0) problems[address] = found;
        }
        expect(problems).toEqual({});
      } finally {
        await context.close();
      }
    },
    SWEEP_TIMEOUT,
  );

  it.each(LANGUAGES)(
    "the parents' survey in %s, with its errors, from the first page to the receipt",
    async (language, t) => {
      const { context, page } = await phoneIn(language);
      const expected = { lang: language, dir: language === "ur" ? "rtl" : "ltr" };
      const problems: Record<string, string[]> = {};
      const check = async (state: string) => {
        const found = await pageProblems(page, expected);
        if (found.length > 0) problems[state] = found;
      };
      try {
        const base = `${app.url}/s/${params.publicId}`;
        await page.goto(base);
        await page.locator("main form button[type=submit]").click();
        await page.locator(".error-summary").waitFor();
        await check("start, with errors");
        for (const id of ["#participate", "#special_category", "#quotes"]) await page.locator(id).check();
        await page.locator("main form button[type=submit]").click();
        await page.waitForURL(/\/q\//);
        await page.locator("button[name=intent][value=continue]").click();
        await page.locator(".error-summary").waitFor();
        await check("question, with errors");
        for (let i = 0; i < 40 && /\/q\//.test(page.url()); i++) {
          const code = new URL(page.url()).pathname.split("/").pop()!;
          const textbox = page.locator("textarea[name=answer], input[type=text][name=answer]");
          if ((await textbox.count()) > 0) await textbox.fill("Answers in English on any page: a caseworker, please.");
          else
            await page
              .locator(code === "ehcp_stage" ? "input[name=answer][value=final]" : "input[name=answer]")
              .first()
              .check();
          if (i === 0) await check(`question ${code}`);
          const question = page.url();
          await page.locator("button[name=intent][value=continue]").click();
          await page.waitForURL((url) => url.href !== question);
          if (code === "what_would_help") await check("the last questions");
        }
        await check("check your answers");
        await page.locator('a[href$="q/overall_experience?change=1"]').click();
        await page.waitForURL(/change=1$/);
        await check("changing an answer");
        await page.locator("button[name=intent][value=save]").click();
        await page.waitForURL(/\/save$/);
        await check("saved");
        await page.goto(`${base}/check`);
        await page.locator("main form button[type=submit]").last().click();
        await page.waitForURL(/\/done$/);
        expect(await page.title()).toBe(t["done.title"]);
        await check("sent");
        const receipt = (await page.getByTestId("receipt-code").textContent())!.trim();
        await page.goto(`${app.url}/receipt`);
        await page.locator("#code").fill(receipt);
        await page.locator("main form button[type=submit]").click();
        await page.getByTestId("receipt-found").waitFor();
        await check("a receipt found");
        expect(problems).toEqual({});
      } finally {
        await context.close();
      }
    },
    SWEEP_TIMEOUT,
  );

  it.each(LANGUAGES)("a page that does not exist says so in %s", async (language, t) => {
    const { context, page } = await phoneIn(language);
    try {
      for (const address of ["/no-such-page", "/s/nosuchsurvey1", "/you-said-we-did/YSWD-1999-999"]) {
        const response = await page.goto(app.url + address);
        expect(response?.status()).toBe(404);
        expect(await page.title()).toBe(t["notFound.title"]);
        expect((await page.locator("h1").textContent())?.trim()).toBe(t["notFound.title"]);
        expect(await pageProblems(page, { lang: language, dir: language === "ur" ? "rtl" : "ltr" })).toEqual([]);
      }
    } finally {
      await context.close();
    }
  });

  it("public results name the ways a response was given in the reader's language", async () => {
    const { context, page } = await phoneIn("ur");
    try {
      await page.goto(`${app.url}/results/${params.publicId}?by=mode`);
      await pageLoaded(page);
      const main = page.locator("main");
      expect(await main.textContent()).toContain(ur["results.segment.mode"]);
      expect(await main.textContent()).toContain(ur["results.mode.web"]);
      expect(await main.textContent()).not.toContain(en["results.segment.mode"]);
    } finally {
      await context.close();
    }
  });
});
