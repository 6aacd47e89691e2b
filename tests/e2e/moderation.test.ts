import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/db.server";
import { approvedQuotes } from "~/models/moderation.server";
import { startApp, type RunningApp } from "../support/app";
import { chromiumPath, expectAccessible, launchBrowser, laptop, pageLoaded, signIn, submitParentResponse } from "../support/browser";

const SCHOOL = "Oakfield Primary";
const PHONE = "07700 900123";
const NAMED_ANSWER = `${SCHOOL} never ring back. Please call me on ${PHONE} about the plan.`;
const WORRYING_ANSWER = "Nobody is helping and I am frightened for my son's safety at home.";

describe.skipIf(!chromiumPath)("moderating written answers in a laptop browser", () => {
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

  async function withDb<T>(work: (db: ReturnType<typeof openDatabase>) => Promise<T>): Promise<T> {
    const db = openDatabase(app.databaseUrl);
    try {
      return await work(db);
    } finally {
      await db.destroy();
    }
  }

  it("redacts a school and a phone number, tags themes, approves; flags and resolves a safeguarding concern", async () => {
    // The moderator adds the local school to the names list first.
    const moderator = await laptop(browser);
    await signIn(moderator.page, app, "moderator@example.org");
    await moderator.page.goto(`${app.url}/admin/moderation/terms`);
    await moderator.page.locator("#term").fill(SCHOOL);
    await moderator.page.locator("#kind").check();
    await moderator.page.getByRole("button", { name: "Add to the list" }).click();
    expect(await moderator.page.locator(".notification").textContent()).toContain("added");
    await pageLoaded(moderator.page);
    expect(await moderator.page.locator("table").textContent()).toContain(SCHOOL);

    await submitParentResponse(browser, app, NAMED_ANSWER);
    await submitParentResponse(browser, app, WORRYING_ANSWER);

    // The queue highlights both suggestions, with a legend.
    const page = moderator.page;
    await page.goto(`${app.url}/admin/moderation`);
    expect(await page.getByTestId("count-pending").textContent()).toBe("2");
    const first = page.getByTestId("moderation-item").filter({ hasText: "never ring back" });
    expect(await first.locator("mark.pii--school").textContent()).toContain(SCHOOL);
    expect(await first.locator("mark.pii--phone").textContent()).toContain(PHONE);
    expect(await first.textContent()).toContain("May be quoted");
    expect(await page.locator(".pii-legend").textContent()).toMatch(/School name[\s\S]*Phone number|Phone number[\s\S]*School name/);
    await expectAccessible(page);

    // Bulk approval will not take an answer with suggested redactions: it is listed back instead.
    await first.getByRole("checkbox").check();
    await page.getByRole("button", { name: "Approve selected" }).click();
    expect(await page.locator(".notification--info").textContent()).toMatch(/1 answer was not approved[\s\S]*has suggested redactions/);
    expect(await page.getByTestId("count-pending").textContent()).toBe("2");

    // Open it, redact with the suggestions applied, tag two themes, approve.
    await first.getByRole("link", { name: /Answer \d/ }).click();
    await page.waitForURL(/\/admin\/moderation\/[^/?]+$/);
    const itemUrl = page.url();
    const itemId = itemUrl.split("/").pop()!;
    expect(await page.locator("#answer mark.pii").count()).toBe(2);
    await expectAccessible(page);
    // A single Approve will not publish it as written either: the page says why and what to do.
    await page.getByRole("button", { name: "Approve", exact: true }).click();
    await page.locator(".error-summary").waitFor();
    await pageLoaded(page);
    expect(await page.locator(".error-summary").textContent()).toContain("still has highlighted text that could identify someone");
    expect(await page.getByTestId("suggestions").textContent()).toContain(PHONE);
    await expectAccessible(page);
    expect(await page.locator("#redacted").inputValue()).toBe("[removed] never ring back. Please call me on [removed] about the plan.");
    await page.getByRole("button", { name: "Save redaction" }).click();
    expect(await page.locator(".notification").textContent()).toContain("Redaction saved");
    await page.getByLabel("Communication").check();
    await page.getByLabel("School places").check();
    await page.getByRole("button", { name: "Save themes" }).click();
    expect(await page.locator(".notification").textContent()).toContain("Themes saved");
    await page.getByRole("button", { name: "Approve the redacted text" }).click();
    expect(await page.getByTestId("item-state").textContent()).toBe("Approved");
    await pageLoaded(page);
    // A moderator never sees the original of a redacted answer, nor a way to reveal it.
    const moderatorHtml = await page.content();
    expect(moderatorHtml).not.toContain(SCHOOL);
    expect(moderatorHtml).not.toContain(PHONE);
    expect(await page.getByRole("button", { name: "Show original" }).count()).toBe(0);

    // Only approved, redacted text reaches anything else, with its themes and quote consent.
    const quotes = await withDb(async (db) => {
      const forum = await db.selectFrom("moderation_items").select("forum_id").where("id", "=", itemId).executeTakeFirstOrThrow();
      return approvedQuotes(db, forum.forum_id);
    });
    expect(quotes.map((q) => [q.itemId, q.text, q.themes.sort(), q.quoteConsent])).toEqual([
      [itemId, "[removed] never ring back. Please call me on [removed] about the plan.", ["communication", "school_places"], true],
    ]);

    // The moderator flags the other answer for safeguarding, and cannot open the lead's list.
    await page.goto(`${app.url}/admin/moderation`);
    await page
      .getByTestId("moderation-item")
      .filter({ hasText: "frightened" })
      .getByRole("link", { name: /Answer \d/ })
      .click();
    await page.getByRole("button", { name: "Flag for safeguarding" }).click();
    expect(await page.locator(".error-summary").textContent()).toContain("Write a note for the safeguarding lead");
    await page.locator("#note").fill("Parent fears for their child's safety at home");
    await page.getByRole("button", { name: "Flag for safeguarding" }).click();
    expect(await page.locator(".notification").textContent()).toContain("Flagged for safeguarding");
    const forbidden = await page.goto(`${app.url}/admin/moderation/safeguarding`);
    expect(forbidden?.status()).toBe(403);
    await moderator.context.close();

    // The admin sees the original only after pressing "Show original", and that view is audited.
    const admin = await laptop(browser);
    await signIn(admin.page, app, "admin@example.org");
    await admin.page.goto(itemUrl);
    expect(await admin.page.content()).not.toContain(PHONE);
    await admin.page.getByRole("button", { name: "Show original" }).click();
    expect(await admin.page.getByTestId("original").textContent()).toContain(NAMED_ANSWER);
    const viewed = await withDb((db) =>
      db
        .selectFrom("audit_log")
        .select(["actor", "detail"])
        .where("action", "=", "moderation.original_viewed")
        .where("subject", "=", itemId)
        .execute(),
    );
    expect(viewed).toHaveLength(1);
    expect(JSON.stringify(viewed)).not.toContain(PHONE);

    // The admin is the demo forum's safeguarding lead: the flagged answer needs action.
    await admin.page.goto(`${app.url}/admin/moderation/safeguarding`);
    const flagged = admin.page.getByTestId("safeguarding-item");
    expect(await flagged.count()).toBe(1);
    expect(await flagged.textContent()).toContain("frightened");
    expect(await flagged.textContent()).toContain("Parent fears for their child's safety at home");
    await expectAccessible(admin.page);
    await flagged.locator("textarea").fill("Rang the family and referred to the council's safeguarding team");
    await admin.page.getByRole("button", { name: "Mark as resolved" }).click();
    expect(await admin.page.locator(".notification").textContent()).toContain("Marked as resolved");
    await pageLoaded(admin.page);
    expect(await admin.page.getByTestId("nothing-open").count()).toBe(1);
    expect(await admin.page.locator("table").textContent()).toContain("referred to the council's safeguarding team");
    const decisions = await withDb((db) =>
      db.selectFrom("audit_log").select("action").where("action", "like", "moderation.%").orderBy("at").execute(),
    );
    expect(decisions.map((d) => d.action)).toEqual(
      expect.arrayContaining([
        "moderation.redacted",
        "moderation.themes_set",
        "moderation.approved",
        "moderation.flagged",
        "moderation.original_viewed",
        "moderation.resolved",
      ]),
    );
    await admin.context.close();
    // Two parents' whole surveys and three staff sessions: generous on a shared two-core machine.
  }, 180_000);

  it("a board member gets 403 on the queue, an item and the safeguarding list", async () => {
    const board = await laptop(browser);
    await signIn(board.page, app, "board@example.org");
    for (const path of ["/admin/moderation", "/admin/moderation/terms", "/admin/moderation/safeguarding"]) {
      const response = await board.page.goto(`${app.url}${path}`);
      expect(response?.status(), path).toBe(403);
    }
    const itemId = await withDb(async (db) => (await db.selectFrom("moderation_items").select("id").executeTakeFirstOrThrow()).id);
    const response = await board.page.goto(`${app.url}/admin/moderation/${itemId}`);
    expect(response?.status()).toBe(403);
    expect(await board.page.content()).not.toContain("never ring back");
    await board.context.close();
  });
});
