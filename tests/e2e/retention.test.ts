import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DB } from "~/db.server";
import { findForumBySlug } from "~/models/forums.server";
import { ensureQueued } from "~/models/moderation-queue.server";
import { flagSafeguarding } from "~/models/moderation-safeguarding.server";
import { retentionCutoffMonth } from "~/models/retention.server";
import { findPublishedSurveyBySlug } from "~/models/published-surveys.server";
import { DEMO_FORUM } from "~/seed.server";
import { minimalParentAnswers, startFor, submitAnswers } from "../factories";
import { startApp, type RunningApp } from "../support/app";
import { chromiumPath, expectAccessible, launchBrowser, laptop, signIn } from "../support/browser";

const OLD = new Date("2023-05-10T10:00:00Z");

/** "November 2024": the month before which responses are due, as the page words it. */
function cutoffInWords(months: number): string {
  const [year, month] = retentionCutoffMonth(new Date(), months).split("-").map(Number);
  return new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", month: "long", year: "numeric" }).format(
    new Date(Date.UTC(year, month - 1, 15, 12)),
  );
}

describe.skipIf(!chromiumPath)("data retention in a laptop browser", () => {
  let app: RunningApp;
  let browser: Browser;
  const ids = { old: [] as string[], abandoned: "", held: "", recent: "" };

  async function withDb<T>(work: (db: DB) => Promise<T>): Promise<T> {
    const db = openDatabase(app.databaseUrl);
    try {
      return await work(db);
    } finally {
      await db.destroy();
    }
  }

  async function remaining(responseIds: string[]): Promise<string[]> {
    return withDb(async (db) => (await db.selectFrom("responses").select("id").where("id", "in", responseIds).execute()).map((r) => r.id));
  }

  beforeAll(async () => {
    app = await startApp({ SEED_SAMPLE_RESPONSES: "0" });
    browser = await launchBrowser();
    await withDb(async (db) => {
      const forum = (await findForumBySlug(db, DEMO_FORUM.slug))!;
      // The server runs retention once on start: wait for that run, so it cannot delete the old
      // responses below before the admin has seen them (the next run is hours away).
      for (let i = 0; ; i++) {
        const row = await db.selectFrom("forums").select("retention_checked_at").where("id", "=", forum.id).executeTakeFirstOrThrow();
        if (row.retention_checked_at) break;
        if (i > 300) throw new Error("The server did not run retention on start");
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const survey = (await findPublishedSurveyBySlug(db, forum.id, "parent-carer-experience"))!;
      for (let i = 0; i < 3; i++) ids.old.push((await submitAnswers(db, survey, minimalParentAnswers(), OLD)).responseId);
      // An old response with an unresolved safeguarding concern: held back.
      ids.held = (
        await submitAnswers(db, survey, { ...minimalParentAnswers(), what_would_help: { kind: "text", text: "I am worried" } }, OLD)
      ).responseId;
      await ensureQueued(db, forum.id);
      const item = await db.selectFrom("moderation_items").select("id").where("response_id", "=", ids.held).executeTakeFirstOrThrow();
      const admin = await db.selectFrom("users").select("id").where("email", "=", "admin@example.org").executeTakeFirstOrThrow();
      expect(
        await flagSafeguarding(
          db,
          { forumId: forum.id, role: "admin", safeguardingLead: true, user: { id: admin.id } },
          item.id,
          "Check on this family",
        ),
      ).toBe(true);
      // A start abandoned long ago, and a response sent today.
      ids.abandoned = (await startFor(db, survey)).responseId;
      await db.updateTable("responses").set({ updated_at: "2023-05-10T10:00:00.000Z" }).where("id", "=", ids.abandoned).execute();
      ids.recent = (await submitAnswers(db, survey, minimalParentAnswers())).responseId;
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function post(page: Page, button: string): Promise<number> {
    const response = page.waitForResponse((r) => r.request().method() === "POST");
    await page.getByRole("button", { name: button }).click();
    const answered = await response;
    // The whole page has arrived and loaded before anything on it is read (it streams).
    await answered.finished();
    await page.waitForLoadState("load");
    return answered.status();
  }

  it(
    "an admin sees what is due, deletes it after confirming, and changes the period; the privacy page follows",
    { timeout: 180_000 },
    async () => {
      const every = [...ids.old, ids.abandoned, ids.held, ids.recent];
      const { context, page } = await laptop(browser);
      const cutoff = cutoffInWords(24);

      await page.goto(`${app.url}/privacy`);
      expect(await page.locator("main").textContent()).toContain("We delete individual answers after 24 months.");

      await signIn(page, app, "admin@example.org");
      await page.getByRole("link", { name: "Data retention", exact: true }).click();
      await page.waitForURL(`${app.url}/admin/retention`);
      expect(await page.locator("h1").textContent()).toBe("Data retention");
      expect(await page.getByTestId("months").textContent()).toBe("24 months");
      expect(await page.getByTestId("cutoff").textContent()).toBe(`Responses sent before ${cutoff} are deleted.`);
      expect(await page.getByTestId("due").textContent()).toBe(
        `4 responses: 3 sent before ${cutoff} and 1 unfinished, not touched since before ${cutoff}`,
      );
      expect(await page.getByTestId("held-back").textContent()).toContain(
        "1 response is kept because of an unresolved safeguarding concern",
      );
      expect(await page.getByTestId("held-back").getByRole("link").getAttribute("href")).toBe("/admin/moderation/safeguarding");
      // The server's own run on start is shown.
      expect(await page.getByTestId("checked-at").textContent()).not.toBe("Not yet");
      expect(await page.locator("main").textContent()).toContain("KPI figures, board reports and published results are kept");
      await expectAccessible(page);

      // Without the tick nothing is deleted.
      expect(await post(page, "Delete 4 responses now")).toBe(400);
      expect(await page.locator(".error-summary").textContent()).toContain("Tick the box to confirm");
      expect(await page.locator(".error-summary a").getAttribute("href")).toBe("#confirm");
      await page.waitForLoadState("load");
      expect(await page.getByTestId("due").textContent()).toMatch(/^4 responses:/);
      expect(await remaining(every)).toHaveLength(every.length);
      await expectAccessible(page);

      // With it, the old responses go; the held-back one and today's stay.
      await page.getByLabel("I understand this permanently deletes 4 responses").check();
      await page.getByRole("button", { name: "Delete 4 responses now" }).click();
      expect(await page.locator(".notification").textContent()).toContain("4 responses deleted");
      await page.waitForLoadState("load");
      const notification = await page.locator(".notification").textContent();
      expect(notification).toContain("3 sent responses and 1 unfinished response.");
      expect(notification).toContain("1 response is held back by an unresolved safeguarding concern.");
      expect(await page.getByTestId("due").textContent()).toBe("None");
      expect(await page.getByTestId("nothing-due").textContent()).toBe("Nothing is due for deletion now.");
      expect(await page.getByRole("button", { name: /^Delete/ }).count()).toBe(0);
      expect((await remaining(every)).sort()).toEqual([ids.held, ids.recent].sort());
      // The deletion is in the page's list of retention activity, with who did it.
      const applied = page.locator('tr[data-action="retention.applied"]');
      expect(await applied.textContent()).toContain(
        `Deleted 3 sent responses and 1 unfinished response from before ${cutoff}; 1 held back`,
      );
      expect(await applied.textContent()).toContain("admin@example.org");
      await expectAccessible(page);

      // A period out of range is refused with what was typed kept.
      await page.locator("#months").fill("5");
      expect(await post(page, "Save")).toBe(400);
      expect(await page.locator(".error-summary").textContent()).toContain("Enter a whole number of months from 6 to 120");
      expect(await page.locator(".error-summary a").getAttribute("href")).toBe("#months");
      expect(await page.locator("#months").inputValue()).toBe("5");
      await page.waitForLoadState("load");
      expect(await page.getByTestId("months").textContent()).toBe("24 months");
      await expectAccessible(page);

      await page.locator("#months").fill("36");
      await page.getByRole("button", { name: "Save" }).click();
      expect(await page.locator(".notification").textContent()).toBe("Responses are now kept for 36 months.");
      expect(await page.getByTestId("months").textContent()).toBe("36 months");
      expect(await page.getByTestId("cutoff").textContent()).toBe(`Responses sent before ${cutoffInWords(36)} are deleted.`);
      expect(await page.locator('tr[data-action="retention.changed"]').textContent()).toContain(
        "Changed how long responses are kept from 24 to 36 months",
      );

      await page.goto(`${app.url}/privacy`);
      expect(await page.locator("main").textContent()).toContain("We delete individual answers after 36 months.");
      await context.close();
    },
  );

  it("shortening the period asks first, saying how many responses the next run will delete", async () => {
    const yearAgo = new Date(Date.now() - 365 * 24 * 3600 * 1000);
    const lastYear = await withDb(async (db) => {
      const forum = (await findForumBySlug(db, DEMO_FORUM.slug))!;
      const survey = (await findPublishedSurveyBySlug(db, forum.id, "parent-carer-experience"))!;
      return (await submitAnswers(db, survey, minimalParentAnswers(), yearAgo)).responseId;
    });
    const { context, page } = await laptop(browser);
    await signIn(page, app, "admin@example.org");
    await page.goto(`${app.url}/admin/retention`);
    const monthsBefore = await page.getByTestId("months").textContent();
    const dueText = (await page.getByTestId("due").textContent()) ?? "";
    // What is due now, plus last year's response, which six months would add.
    const expected = (dueText === "None" ? 0 : Number(dueText.split(" ")[0])) + 1;

    await page.locator("#months").fill("6");
    expect(await post(page, "Save")).toBe(200);
    expect(await page.getByTestId("shorten-due").textContent()).toContain(
      `will permanently delete ${expected} ${expected === 1 ? "response" : "responses"}`,
    );
    expect(await page.getByTestId("months").textContent()).toBe(monthsBefore);
    await expectAccessible(page);

    // Without the tick, nothing changes.
    expect(await post(page, "Keep responses for 6 months")).toBe(400);
    expect(await page.locator(".error-summary").textContent()).toContain("Tick the box to confirm");
    expect(await page.getByTestId("months").textContent()).toBe(monthsBefore);
    await expectAccessible(page);

    await page.getByLabel(`I understand the next run deletes ${expected}`).check();
    await page.getByRole("button", { name: "Keep responses for 6 months" }).click();
    expect(await page.locator(".notification").textContent()).toBe("Responses are now kept for 6 months.");
    await page.waitForLoadState("load");
    expect(await page.locator('tr[data-action="retention.changed"]').first().textContent()).toContain(
      `to 6 months; confirmed that the next run deletes ${expected}`,
    );
    expect(await remaining([lastYear])).toEqual([lastYear]);

    // Making it longer again asks nothing.
    await page.locator("#months").fill("24");
    await page.getByRole("button", { name: "Save" }).click();
    expect(await page.locator(".notification").textContent()).toBe("Responses are now kept for 24 months.");
    await context.close();
  });

  it("refuses bad input with a 400, never a 500", async () => {
    const { context, page } = await laptop(browser);
    await signIn(page, app, "admin@example.org");
    const send = async (form: Record<string, string>) =>
      (await page.request.post(`${app.url}/admin/retention`, { form, headers: { Origin: app.url }, maxRedirects: 0 })).status();
    expect(await send({ intent: "delete-everything" })).toBe(400);
    expect(await send({})).toBe(400);
    for (const months of ["", "abc", "12.5", "-12", "1e2", "121", "0", "99999"])
      expect(await send({ intent: "change", months }), months).toBe(400);
    expect(await send({ intent: "apply", confirm: "on", due: "many" })).toBe(400);
    expect(await send({ intent: "apply", confirm: "yes", due: "0" })).toBe(400);
    await context.close();
  });

  it("a moderator cannot open the page and is not offered it", async () => {
    const { context, page } = await laptop(browser);
    await signIn(page, app, "moderator@example.org");
    const nav = page.getByRole("navigation", { name: "Forum admin" });
    expect(await nav.getByRole("link", { name: "Moderation", exact: true }).textContent()).toBe("Moderation");
    await page.waitForLoadState("load");
    expect(await nav.getByRole("link", { name: "Data retention", exact: true }).count()).toBe(0);
    expect((await page.goto(`${app.url}/admin/retention`))?.status()).toBe(403);
    const refused = await page.request.post(`${app.url}/admin/retention`, {
      form: { intent: "change", months: "6" },
      headers: { Origin: app.url },
    });
    expect(refused.status()).toBe(403);
    const forum = await withDb((db) =>
      db.selectFrom("forums").select("retention_months").where("slug", "=", DEMO_FORUM.slug).executeTakeFirstOrThrow(),
    );
    expect(forum.retention_months).not.toBe(6);
    await context.close();
  });
});
