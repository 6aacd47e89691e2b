import { SaxesParser } from "saxes";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DB } from "~/db.server";
import { londonDate, periodOf } from "~/domain/periods";
import { addSampleResponses } from "~/seed.server";
import { parentCarerExperience } from "~/templates";
import { startApp, type RunningApp } from "../support/app";
import {
  chromiumPath,
  expectAccessible,
  launchBrowser,
  phoneContext,
  laptop,
  pageLoaded,
  signIn,
  submitParentResponse,
} from "../support/browser";

const SMALL_GROUP_ANSWER = "Drivers change every week and nobody tells us who is coming.";
const LARGE_GROUP_ANSWER = "Tell us the name of the driver the day before, so our son is not frightened.";
const QUARTER = periodOf("quarter", londonDate(new Date()));
const URDU_TITLE = "ٹرانسپورٹ میں ڈرائیور کی پیشگی اطلاع";

async function withDb<T>(app: RunningApp, work: (db: DB) => Promise<T>): Promise<T> {
  const db = openDatabase(app.databaseUrl);
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

/** The moderator approves the parent's answer (found by its text) and tags it Transport. */
async function approveAndTag(page: Page, app: RunningApp, text: string): Promise<string> {
  // Opening the queue queues new answers.
  await page.goto(`${app.url}/admin/moderation`);
  const itemId = await withDb(app, async (db) => {
    const row = await db
      .selectFrom("moderation_items as m")
      .innerJoin("answers as a", (join) =>
        join.onRef("a.response_id", "=", "m.response_id").onRef("a.question_code", "=", "m.question_code"),
      )
      .select("m.id")
      .where("a.text_value", "=", text)
      .executeTakeFirstOrThrow();
    return row.id;
  });
  await page.goto(`${app.url}/admin/moderation/${itemId}`);
  await page.getByLabel("Transport", { exact: true }).check();
  await page.getByRole("button", { name: "Save themes" }).click();
  await page.locator(".notification", { hasText: "Themes saved" }).waitFor();
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  // Locators filtered by text wait for the new page, not the one before the POST.
  await page
    .getByTestId("item-state")
    .filter({ hasText: /^Approved$/ })
    .waitFor();
  return itemId;
}

/** Chooses the evidence on the draft form and asks for the approved answers. */
async function chooseEvidence(page: Page) {
  await page.locator("#survey").selectOption({ label: "Parent carer experience survey" });
  await page.locator("#period").fill(QUARTER);
  await page.getByRole("button", { name: "Show approved answers" }).click();
  // The KPI list follows the chosen survey: it is there once the page has come back.
  await page.locator('#kpi option[value="K1"]').waitFor({ state: "attached" });
  await page.locator("#kpi").selectOption("K1");
  await page.getByLabel("Transport", { exact: true }).check();
  await page.getByRole("button", { name: "Show approved answers" }).click();
  // The figure shows only once a KPI is chosen, i.e. on the page this second POST returns.
  await page.getByTestId("evidence-figure").waitFor();
  // The answers to choose from may come later in the page; count() does not wait for them.
  await pageLoaded(page);
}

describe.skipIf(!chromiumPath)("you said, we did in the browser", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe("in a fresh app, where every group is small", () => {
    let app: RunningApp;
    beforeAll(async () => {
      app = await startApp();
    });
    afterAll(async () => {
      await app?.stop();
    });

    it("offers the parent's approved answer but will not attach it: fewer than 10 responses in the group", async () => {
      await submitParentResponse(browser, app, SMALL_GROUP_ANSWER, { phone: true });
      const moderator = await laptop(browser);
      await signIn(moderator.page, app, "moderator@example.org");
      const quoteId = await approveAndTag(moderator.page, app, SMALL_GROUP_ANSWER);

      const page = moderator.page;
      await page.goto(`${app.url}/admin/you-said-we-did/new`);
      await chooseEvidence(page);
      const choice = page.getByTestId("quote-choice").filter({ hasText: SMALL_GROUP_ANSWER });
      expect(await choice.count()).toBe(1);
      expect(await choice.getByRole("checkbox").isDisabled()).toBe(true);
      expect(await choice.getByTestId("quote-refusal").textContent()).toBe("Fewer than 10 responses in this group: cannot be quoted");
      expect(await page.getByTestId("evidence-figure").textContent()).toContain("Suppressed: fewer than 10 responses");
      await expectAccessible(page);

      // Sending the quote anyway (a hand-made POST) is refused by the server, not just the page.
      const response = await page.request.post(`${app.url}/admin/you-said-we-did/new`, {
        form: {
          intent: "create",
          survey: await page.locator("#survey").inputValue(),
          period: QUARTER,
          kpi: "K1",
          segment: "",
          themes: "transport",
          quotes: quoteId,
          title: "Tell families who is driving",
          saidPlain: "Families said drivers change without warning.",
          involvement: "consult",
          ownerOrg: "The council",
          ownerRole: "Travel assist manager",
          visibility: "public",
          status: "received",
          raisedOn: londonDate(new Date()),
        },
        headers: { Origin: app.url },
        maxRedirects: 0,
      });
      expect(response.status()).toBe(400);
      expect(await response.text()).toContain("Fewer than 10 responses in this group: its answers cannot be quoted");
      expect(await withDb(app, (db) => db.selectFrom("yswd_items").select("id").execute())).toEqual([]);
      await moderator.context.close();
      // A parent's whole survey and a staff session on a shared two-core machine.
    }, 120_000);
  });

  describe("with the demo's sample responses, where the quarter's group is large", () => {
    let app: RunningApp;
    beforeAll(async () => {
      app = await startApp({ SEED_SAMPLE_RESPONSES: "1" });
      // The quarter of the parent's answer is this quarter: twelve other parents answered today,
      // so its group is large on any date (the demo's own samples end before this half-year).
      await withDb(app, async (db) => {
        const survey = await db
          .selectFrom("surveys")
          .select(["id", "forum_id", "current_version_id"])
          .where("slug", "=", "parent-carer-experience")
          .executeTakeFirstOrThrow();
        await addSampleResponses(db, {
          forumId: survey.forum_id,
          surveyId: survey.id,
          versionId: survey.current_version_id!,
          definition: parentCarerExperience,
          count: 12,
          seed: 12,
          until: new Date(),
          days: 0,
        });
      });
    });
    afterAll(async () => {
      await app?.stop();
    });

    it("a moderator drafts from tagged answers, an admin publishes, a parent finds it in Urdu on a phone", async () => {
      await submitParentResponse(browser, app, LARGE_GROUP_ANSWER, { phone: true });

      // The moderator approves and tags the answer, then drafts an item from it.
      const moderator = await laptop(browser);
      await signIn(moderator.page, app, "moderator@example.org");
      await approveAndTag(moderator.page, app, LARGE_GROUP_ANSWER);
      const page = moderator.page;
      await page.goto(`${app.url}/admin/you-said-we-did`);
      await expectAccessible(page);
      await page.getByRole("link", { name: "Draft a new item" }).click();
      await chooseEvidence(page);
      const choice = page.getByTestId("quote-choice").filter({ hasText: LARGE_GROUP_ANSWER });
      expect(await choice.getByRole("checkbox").isDisabled()).toBe(false);
      expect(await choice.getByTestId("quote-refusal").count()).toBe(0);
      expect(await page.getByTestId("evidence-figure").textContent()).toMatch(/\d+\.\d% \(\d+\.\d–\d+\.\d\), n = \d+/);
      await choice.getByRole("checkbox").check();
      await page.locator("#title").fill("Tell families who is driving the day before");
      await page.locator("#saidPlain").fill("Families said drivers change without warning, which frightens their children.");
      await page.locator("#ownerOrg").fill("Birmingham City Council");
      await page.locator("#ownerRole").fill("Travel assist service manager");
      await page.locator("#involvement").selectOption("co_design");
      await page.locator("#urTitle").fill(URDU_TITLE);
      await page.locator("#urSaidPlain").fill("خاندانوں نے بتایا کہ ڈرائیور بغیر بتائے بدل جاتے ہیں۔");
      await expectAccessible(page);
      await page.getByRole("button", { name: "Create the draft" }).click();
      await page.locator(".notification", { hasText: /Draft YSWD-\d{4}-\d{3} created\./ }).waitFor();
      await pageLoaded(page);
      const reference = (await page.locator(".caption-m").first().textContent())!.trim();
      expect(await page.getByTestId("item-published").textContent()).toBe("No: a draft");
      // Moderators draft; only admins publish.
      expect(await page.getByRole("button", { name: "Publish" }).count()).toBe(0);
      const itemUrl = page.url().split("?")[0];
      await moderator.context.close();

      // Not public yet.
      const before = await fetch(`${app.url}/you-said-we-did/${reference}`);
      expect(before.status).toBe(404);

      const admin = await laptop(browser);
      await signIn(admin.page, app, "admin@example.org");
      await admin.page.goto(itemUrl);
      await admin.page.getByRole("button", { name: "Publish" }).click();
      await admin.page.locator(".notification", { hasText: "Published." }).waitFor();
      expect(await admin.page.getByTestId("item-published").textContent()).toContain("on the public pages");
      await admin.context.close();

      // A parent on a phone, JavaScript off, switches to Urdu and finds it.
      const phone = await phoneContext(browser, { javaScript: false });
      const parent = await phone.newPage();
      await parent.goto(`${app.url}/you-said-we-did`);
      await parent.locator('a[hreflang="ur"]').click();
      await parent.locator('html[lang="ur"]').waitFor({ state: "attached" });
      expect(await parent.locator("html").getAttribute("dir")).toBe("rtl");
      expect(await parent.locator("h1").textContent()).toBe("آپ نے کہا، ہم نے کیا");
      // Filter to transport, as a parent would, with a plain GET form.
      await parent.locator("#theme").selectOption("transport");
      await parent.getByRole("button", { name: "نکات دکھائیں" }).click();
      await parent.waitForURL(/theme=transport/);
      const card = parent.getByTestId("yswd-card").filter({ hasText: URDU_TITLE });
      expect(await card.count()).toBe(1);
      expect(await card.locator("[data-status]").textContent()).toBe("موصول ہوا");
      await card.getByRole("link", { name: URDU_TITLE }).click();
      await parent.waitForURL((url) => url.pathname === `/you-said-we-did/${reference}`);
      expect(await parent.locator("h1").textContent()).toBe(URDU_TITLE);
      expect(await parent.getByTestId("yswd-quote").textContent()).toBe(LARGE_GROUP_ANSWER);
      expect(await parent.getByTestId("yswd-quote").getAttribute("lang")).toBe("en");
      expect(await parent.getByTestId("yswd-figure").first().textContent()).toMatch(
        /\d+\.\d% \(\d+\.\d–\d+\.\d\)\u2069?، جوابات \(n\) = \d+/,
      );
      // Not translated: shown in English and marked so.
      expect(await parent.locator('[lang="en"]', { hasText: "Travel assist service manager" }).count()).toBe(1);
      // Public pages ship no JavaScript.
      expect(await parent.locator("script[src]").count()).toBe(0);
      // The survey's published results, one breakdown at a time.
      await parent.locator("a[href^='/results/']").first().click();
      await parent.waitForURL(/\/results\//);
      const resultsPath = new URL(parent.url()).pathname;
      await parent.locator("#by").selectOption("district");
      await parent.getByRole("button", { name: "نتائج دکھائیں" }).click();
      await parent.waitForURL(/by=district/);
      expect(await parent.getByTestId("results-headline").count()).toBe(1);
      expect(await parent.getByTestId("results-breakdown").count()).toBe(1);
      expect(await parent.locator("script[src]").count()).toBe(0);
      await phone.close();

      // axe-core and reflow need a browser running scripts: the same pages, in Urdu and English, 360 px wide.
      const narrow = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: "en-GB" });
      const checker = await narrow.newPage();
      for (const language of ["ur", "en"]) {
        await checker.goto(`${app.url}/language?to=${language}&back=/`);
        for (const path of [
          "/you-said-we-did",
          "/you-said-we-did?theme=transport&status=received",
          `/you-said-we-did/${reference}`,
          `${resultsPath}?by=district`,
        ]) {
          await checker.goto(app.url + path);
          expect(
            await checker.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
            `${language} ${path} fits 360 px`,
          ).toBe(true);
          await expectAccessible(checker);
        }
      }
      await narrow.close();

      // The board sees the section and downloads the register; the register itself is not theirs to edit.
      const board = await laptop(browser);
      await signIn(board.page, app, "board@example.org");
      expect((await board.page.goto(`${app.url}/admin/you-said-we-did`))?.status()).toBe(403);
      await board.page.goto(`${app.url}/board/you-said-we-did`);
      expect(await board.page.locator("h1").textContent()).toBe("You said, we did");
      // Three demo items and this one have target dates only in a few periods: under 10 items, K14 is suppressed.
      expect(await board.page.getByTestId("board-k14").textContent()).toContain("Suppressed: fewer than 10 items");
      await expectAccessible(board.page);
      const csv = await board.page.request.get(`${app.url}/board/you-said-we-did.csv`);
      expect(csv.headers()["content-type"]).toContain("text/csv");
      const rows = (await csv.text()).trim().split("\r\n");
      expect(rows[0].startsWith("reference,title,themes,status")).toBe(true);
      expect(rows.map((r) => r.split(",")[0])).toContain(reference);
      // Quotes are counted in the export, never copied into it.
      expect(await csv.text()).not.toContain(LARGE_GROUP_ANSWER);
      await board.context.close();

      // The feed carries it, as well-formed XML.
      const feed = await (await fetch(`${app.url}/you-said-we-did.atom`)).text();
      const ids: string[] = [];
      let inId = false;
      const parser = new SaxesParser();
      parser.on("error", (error) => {
        throw error;
      });
      parser.on("opentag", (tag) => (inId = tag.name === "id"));
      parser.on("closetag", () => (inId = false));
      parser.on("text", (text) => inId && ids.push(text));
      parser.write(feed).close();
      expect(ids).toContain(`${app.url}/you-said-we-did/${reference}`);

      const actions = await withDb(app, (db) => db.selectFrom("audit_log").select("action").where("action", "like", "yswd.%").execute());
      expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(["yswd.created", "yswd.published"]));
      // A whole survey, four signed-in sessions and eight axe runs: generous on a shared machine.
    }, 240_000);
  });
});
