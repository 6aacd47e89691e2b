import fs from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DB } from "~/db.server";
import { addDays } from "~/domain/yswd";
import { londonDate, londonMidnight } from "~/domain/periods";
import { translator } from "~/i18n";
import { formatLondonDay } from "~/i18n/dates";
import { findForumSurvey } from "~/models/board.server";
import { setSurveyDates } from "~/models/surveys.server";
import { startApp, type RunningApp } from "../support/app";
import { chromiumPath, expectAccessible, launchBrowser, pageLoaded, phoneContext, signIn } from "../support/browser";

/**
 * A board member's morning on the second day of a stocktake half-year: the dashboard and the
 * pack open on the half-year that has just ended, with figures and the demo targets' three
 * colours; the period is chosen with a plain GET form and kept in the pack's link; the pack
 * prints on a few A4 pages. And a survey set to open later says when, in the page's language.
 */

/** 09:00 in London on 2 December 2026: the demo forum is seeded as `npm start` would seed it then. */
const SECOND_OF_DECEMBER = new Date("2026-12-02T09:00:00Z");
/** libfaketime moves the server's own clock (the sample, "now" and the latest period with it). */
const FAKETIME_LIBRARY = ["/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1", "/usr/lib/faketime/libfaketime.so.1"].find((p) =>
  fs.existsSync(p),
);
if (chromiumPath && !FAKETIME_LIBRARY) {
  console.log("SKIPPED: the board on 2 June with the server's clock moved needs libfaketime (apt-get install -y faketime).");
}

const LAPTOP = { viewport: { width: 1280, height: 800 }, locale: "en-GB" };

/** Pages in a PDF that Chromium wrote: one page object each. */
function pdfPages(pdf: Buffer): number {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page(?![A-Za-z])/g) ?? []).length;
}

async function tileColours(page: Page): Promise<string[]> {
  return page.locator(".kpi-tile[data-rag]").evaluateAll((tiles) => tiles.map((t) => t.getAttribute("data-rag") ?? ""));
}

async function withDb<T>(app: RunningApp, work: (db: DB) => Promise<T>): Promise<T> {
  const db = openDatabase(app.databaseUrl);
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

describe.skipIf(!chromiumPath)("the board on 2 December: dashboard, period choice and the printed pack", () => {
  let app: RunningApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    app = await startApp({ SEED_SAMPLE_RESPONSES: "1" }, { seedClock: SECOND_OF_DECEMBER });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.stop();
  });

  async function boardMember(): Promise<Page> {
    const context = await browser.newContext(LAPTOP);
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, app, "board@example.org");
    return page;
  }

  it(
    "opens on the half-year that ended on 30 November, with red, amber and green, and the pack shows the same",
    { timeout: 240_000 },
    async () => {
      const page = await boardMember();
      await page.goto(`${app.url}/board`);
      expect((await page.locator("#latest").textContent())?.trim()).toBe("Parent carer experience survey: 2026-H2");
      expect(await page.locator("[data-figure=percent]").count()).toBeGreaterThanOrEqual(6);
      expect((await tileColours(page)).sort()).toEqual(["amber", "green", "red"]);
      expect(await page.locator(".kpi-tile[data-rag=red]").textContent()).toContain("Red: the whole interval is below the target");
      await expectAccessible(page);

      // The navigation links to the pack; the dashboard's own link carries the period it shows.
      expect(
        await page.getByRole("navigation", { name: "Forum admin" }).getByRole("link", { name: "Board pack" }).getAttribute("href"),
      ).toBe("/board/pack");
      await page.getByRole("link", { name: "Open the printable board pack for 2026-H2" }).click();
      await page.waitForURL((url) => url.pathname === "/board/pack" && url.searchParams.get("period") === "2026-H2");
      expect(await page.getByTestId("pack-period").textContent()).toContain("Period 2026-H2 (1 June 2026 to 30 November 2026)");
      expect(await page.locator("nav [aria-current=page]").textContent()).toBe("Board pack");
      expect((await tileColours(page)).sort()).toEqual(["amber", "green", "red"]);
      // The "you said, we did" review: the overdue item, and K14 for each stocktake half-year.
      const review = page.getByTestId("board-review");
      expect(await review.locator("tr", { hasText: "Regular updates during EHC needs assessments" }).textContent()).toContain("Overdue");
      expect(await page.getByTestId("board-k14").locator("th", { hasText: "2026-H2" }).textContent()).toContain("(this pack)");
      await expectAccessible(page);

      // The pack from the navigation (no period in its address) opens on the same half-year.
      await page.goto(`${app.url}/board/pack`);
      expect(await page.getByTestId("pack-period").textContent()).toContain("Period 2026-H2");
    },
  );

  it("the board chooses a period with the GET form; the pack keeps it; bad input is a clear message, never a 500", async () => {
    const page = await boardMember();
    await page.goto(`${app.url}/board`);
    await page.locator("#period").selectOption("2025-H2");
    await page.getByRole("button", { name: "Show figures" }).click();
    await page.waitForURL((url) => url.searchParams.get("period") === "2025-H2");
    expect((await page.locator("#latest").textContent())?.trim()).toBe("Parent carer experience survey: 2025-H2");
    expect(await page.locator("main").textContent()).toContain("Chosen period: 2025-H2");
    const packLink = page.getByRole("link", { name: "Open the printable board pack for 2025-H2" });
    expect(new URL((await packLink.getAttribute("href"))!, app.url).searchParams.get("period")).toBe("2025-H2");
    await packLink.click();
    await page.waitForURL((url) => url.pathname === "/board/pack");
    expect(await page.getByTestId("pack-period").textContent()).toContain("Period 2025-H2");
    expect(await page.locator("#period").inputValue()).toBe("2025-H2");

    // A period in the address works without the form, on both pages.
    for (const path of ["/board", "/board/pack"]) {
      const response = await page.goto(`${app.url}${path}?survey=parent-carer-experience&periodType=quarter&period=2026-Q2`);
      expect(response?.status()).toBe(200);
      expect(await page.locator("main").textContent()).toContain("2026-Q2 (1 April 2026 to 30 June 2026)");
    }

    // Malformed input: 400, with the error summary and the message at the field.
    for (const query of ["period=2026-H3", "period=%3Cb%3E", "period=2026-H1%00", "periodType=fortnight", "survey=../../etc"]) {
      for (const path of ["/board", "/board/pack"]) {
        const response = await page.goto(`${app.url}${path}?${query}`);
        expect(response?.status(), `${path}?${query}`).toBe(400);
        await pageLoaded(page);
        expect((await page.locator(".error-summary").textContent()) ?? "", `${path}?${query}`).toMatch(
          /Choose a period from the list|The period type must be one of|The survey must be its short name/,
        );
      }
    }
    // A well-formed period nobody answered in: the latest published one instead, and a note saying so.
    const old = await page.goto(`${app.url}/board?period=1999-H1`);
    expect(old?.status()).toBe(200);
    expect(await page.getByTestId("period-set-aside").textContent()).toContain("Nobody answered this survey in 1999-H1");
    expect((await page.locator("#latest").textContent())?.trim()).toBe("Parent carer experience survey: 2026-H2");
  });

  it("the pack prints on a few A4 pages, with a breakdown too", { timeout: 240_000 }, async () => {
    const page = await boardMember();
    await page.goto(`${app.url}/board/pack`);
    // Before: a page or more per KPI, 20 pages for the demo data (25 with a breakdown); now 5 (7 by district).
    const plain = pdfPages(await page.pdf({ format: "A4" }));
    expect(plain).toBeGreaterThanOrEqual(3);
    expect(plain).toBeLessThanOrEqual(8);
    await page.goto(`${app.url}/board/pack?by=district`);
    expect(await page.locator("caption", { hasText: "By district" }).count()).toBeGreaterThanOrEqual(1);
    const withBreakdown = pdfPages(await page.pdf({ format: "A4" }));
    expect(withBreakdown).toBeLessThanOrEqual(8);
    await expectAccessible(page);
  });

  it("a survey set to open later says when it opens, in English and in Urdu, on its start page and the home page", async () => {
    // Forty days from today (London), so it is in the future whatever day the test runs.
    const opensOn = addDays(londonDate(new Date()), 40);
    const opensAt = londonMidnight(opensOn);
    const survey = await withDb(app, async (db) => {
      const forum = await db.selectFrom("forums").select("id").executeTakeFirstOrThrow();
      const found = (await findForumSurvey(db, forum.id, "parent-carer-experience"))!;
      await setSurveyDates(db, forum.id, found.id, { opensAt, closesAt: null });
      return { forumId: forum.id, id: found.id, publicId: found.publicId };
    });
    try {
      for (const [language, locale] of [
        ["en", "en-GB"],
        ["ur", "ur-PK"],
      ] as const) {
        const t = translator(language);
        const date = formatLondonDay(opensAt, language);
        // Read with JavaScript off, as a parent's phone may be; axe-core needs it on to run.
        for (const javaScript of [false, true]) {
          const context = await phoneContext(browser, { javaScript, locale });
          contexts.push(context);
          const phone = await context.newPage();

          const start = await phone.goto(`${app.url}/s/${survey.publicId}`);
          expect(start?.status()).toBe(200);
          expect(await phone.locator("h1").textContent()).toBe(t("start.upcoming.title", { date }));
          expect(await phone.locator("main").textContent()).toContain(t("start.upcoming.body", { date }));
          expect(await phone.locator("main").textContent()).not.toContain(t("start.closed.title"));
          expect(await phone.getByRole("button", { name: t("start.button") }).count()).toBe(0);
          if (javaScript) await expectAccessible(phone);

          await phone.goto(`${app.url}/`);
          expect(await phone.locator("h2", { hasText: t("home.upcoming") }).count()).toBe(1);
          expect(await phone.getByTestId("upcoming-surveys").textContent()).toContain(t("home.opensOn", { date }));
          if (javaScript) await expectAccessible(phone);
        }
      }
      // The date is the language's own: Urdu month names, not English ones.
      expect(formatLondonDay(opensAt, "ur")).not.toBe(formatLondonDay(opensAt, "en"));
    } finally {
      await withDb(app, (db) => setSurveyDates(db, survey.forumId, survey.id, { opensAt: null, closesAt: null }));
    }
  });
});

describe.skipIf(!chromiumPath || !FAKETIME_LIBRARY)("the board on 2 June, with the server's own clock moved", () => {
  let app: RunningApp;
  let browser: Browser;
  beforeAll(async () => {
    // The server seeds the demo forum itself, at its own (moved) "now", as `npm start` would on that morning.
    app = await startApp(
      { SEED_SAMPLE_RESPONSES: "1", LD_PRELOAD: FAKETIME_LIBRARY ?? "", FAKETIME: "@2027-06-02 08:00:00", TZ: "UTC" },
      { seedClock: "server" },
    );
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("the dashboard and the pack open on the half-year that ended on 31 May, with published figures", { timeout: 240_000 }, async () => {
    const context = await browser.newContext(LAPTOP);
    const page = await context.newPage();
    await signIn(page, app, "board@example.org");
    await page.goto(`${app.url}/board`);
    expect((await page.locator("#latest").textContent())?.trim()).toBe("Parent carer experience survey: 2027-H1");
    expect(await page.locator("[data-figure=percent]").count()).toBeGreaterThanOrEqual(6);
    expect((await tileColours(page)).sort()).toEqual(["amber", "green", "red"]);
    await page.goto(`${app.url}/board/pack`);
    expect(await page.getByTestId("pack-period").textContent()).toContain("Period 2027-H1 (1 December 2026 to 31 May 2027)");
    await context.close();
  });
});
