import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "~/db.server";
import { createForum } from "~/models/forums.server";
import { findPublishedSurvey } from "~/models/published-surveys.server";
import { addMembership, createUser } from "~/models/users.server";
import { minimalParentAnswers } from "../factories";
import { insideSamplePeriod } from "../support/clock";
import { DEMO_PASSWORD, startApp, type RunningApp } from "../support/app";
import { STORES } from "../support/db";
import { signInCookie } from "../support/http";
import { ownDatabase, type OwnDatabase } from "../support/servers";
import { Device, receiptOn } from "../support/survey-client";
import { recordSubmittedResponse } from "~/models/responses.server";
import { markKpisStale } from "~/models/kpi-stale.server";
import { londonDate, periodOf } from "~/domain/periods";

/**
 * A volunteer enters a paper, phone or assisted response for someone from the survey's admin
 * page, through the parents' own pages with JavaScript off: the response stores its mode and the
 * audit log the volunteer's account. Nobody else can make a response anything but `web`.
 */
describe.each(STORES)("entering a response for someone on $kind", ({ kind, skip }) => {
  let database: OwnDatabase;
  let app: RunningApp;
  let publicId: string;
  let surveyId: string;
  let adminId: string;

  beforeAll(async () => {
    if (skip) return;
    database = await ownDatabase(kind, "assisted");
    app = await startApp({ DATABASE_URL: database.url });
    publicId = app.publicIds["parent-carer-experience"];
    await withDb(async (db) => {
      surveyId = (await findPublishedSurvey(db, publicId))!.id;
      adminId = (await db.selectFrom("users").select("id").where("email", "=", "admin@example.org").executeTakeFirstOrThrow()).id;
      const other = await createForum(db, { slug: "another-forum", name: "Another forum" });
      const otherAdmin = await createUser(db, { email: "admin@another.example.org", password: DEMO_PASSWORD });
      await addMembership(db, { userId: otherAdmin, forumId: other.id, role: "admin" });
    });
  });
  afterAll(async () => {
    if (skip) return;
    await app?.stop();
    await database?.drop();
  });

  async function withDb<T>(work: (db: DB) => Promise<T>): Promise<T> {
    const db = database.open();
    try {
      return await work(db);
    } finally {
      await db.destroy();
    }
  }

  /** A browser with JavaScript off, signed in as `email`. */
  async function signedIn(email: string): Promise<Device> {
    const device = new Device(app);
    const cookie = await signInCookie(app, email);
    const at = cookie.indexOf("=");
    device.cookies.set(cookie.slice(0, at), cookie.slice(at + 1));
    return device;
  }

  const responses = () =>
    withDb((db) =>
      db
        .selectFrom("responses")
        .select(["id", "status", "mode", "language"])
        .where("survey_id", "=", surveyId)
        .where("source", "=", "web")
        .orderBy("started_at")
        .execute(),
    );
  const enteredForSomeone = () =>
    withDb((db) =>
      db
        .selectFrom("audit_log")
        .select(["actor", "subject", "detail"])
        .where("action", "=", "response.entered_for_someone")
        .orderBy("at")
        .execute(),
    );

  it.skipIf(skip)(
    "an admin enters a phone response in Urdu: the same pages with a banner, stored as phone, audited with their account",
    async () => {
      const volunteer = await signedIn("admin@example.org");
      const overview = await volunteer.visit(`/admin/surveys/${surveyId}`);
      expect(overview.html).toContain("Enter a response for someone");
      expect(overview.html).toContain(`action="/admin/surveys/${surveyId}/assist"`);

      // A mistake comes back with its problem, and starts nothing.
      const refused = await volunteer.visit(`/admin/surveys/${surveyId}/assist`, { language: "ur" });
      expect(refused.status).toBe(400);
      expect(refused.html).toContain("Choose how the person is answering");

      const consent = await volunteer.visit(`/admin/surveys/${surveyId}/assist`, { mode: "phone", language: "ur" });
      expect(consent.path).toBe(`/s/${publicId}`);
      expect(consent.html).toContain('<html lang="ur" dir="rtl">');
      expect(consent.html).toContain("You are entering a phone response for someone");
      expect(consent.html).toContain("you are ticking consent on their behalf");
      expect(consent.html).toContain(`href="/s/${publicId}/stop-entering"`);

      const first = await volunteer.start(publicId);
      const question = await volunteer.visit(first);
      expect(question.html).toContain("You are entering a phone response for someone");
      const check = await volunteer.answer(first);
      expect(check.path).toBe(`/s/${publicId}/check`);
      expect(check.html).toContain("You are entering a phone response for someone");
      const before = await responses();
      expect(before.at(-1)).toMatchObject({ status: "in_progress", mode: "phone" });

      const done = await volunteer.visit(`/s/${publicId}/check`, {});
      expect(done.path).toBe(`/s/${publicId}/done`);
      expect(receiptOn(done.html)).toMatch(/^[0-9A-Z-]+$/);
      expect(done.html).toContain(`href="/s/${publicId}">Enter another</a>`);
      const sent = (await responses()).at(-1)!;
      expect(sent).toMatchObject({ status: "submitted", mode: "phone", language: "ur" });

      const audits = await enteredForSomeone();
      expect(audits).toHaveLength(1);
      expect(audits[0]).toEqual({ actor: adminId, subject: surveyId, detail: JSON.stringify({ mode: "phone" }) });

      // "Enter another": the same mode and language, a fresh response.
      const again = await volunteer.visit(`/s/${publicId}`);
      expect(again.html).toContain("You are entering a phone response for someone");
      expect(again.html).not.toContain('data-testid="receipt-code"');
      await volunteer.answer(await volunteer.start(publicId));
      await volunteer.visit(`/s/${publicId}/check`, {});
      const both = (await responses()).slice(-2);
      expect(both.map((r) => [r.status, r.mode])).toEqual([
        ["submitted", "phone"],
        ["submitted", "phone"],
      ]);
      expect(both[0].id).not.toBe(both[1].id);
      expect(await enteredForSomeone()).toHaveLength(2);

      // Stopping gives the browser back: the admin's own language, and their own answers are web.
      const stop = await volunteer.send(`/s/${publicId}/stop-entering`);
      expect(stop.status).toBe(302);
      expect(stop.headers.get("location")).toBe(`/admin/surveys/${surveyId}/assist?stopped=1`);
      expect(volunteer.cookies.has("assisted")).toBe(false);
      expect(volunteer.cookies.has("response")).toBe(false);
      const stopped = await volunteer.visit(`/admin/surveys/${surveyId}/assist?stopped=1`);
      expect(stopped.html).toContain("You have stopped entering responses for someone");
      expect(stopped.html).toContain('<html lang="en" dir="ltr">');
      const own = await volunteer.visit(`/s/${publicId}`);
      expect(own.html).not.toContain("You are entering");
      await volunteer.answer(await volunteer.start(publicId));
      await volunteer.visit(`/s/${publicId}/check`, {});
      expect((await responses()).at(-1)).toMatchObject({ status: "submitted", mode: "web" });
      expect(await enteredForSomeone()).toHaveLength(2);
    },
  );

  it.skipIf(skip)("a member of the public who forges the mark or a mode field gets web, and no audit entry", async () => {
    const audits = (await enteredForSomeone()).length;
    const visitor = new Device(app);
    visitor.cookies.set("assisted", "A".repeat(43));
    const page = await visitor.visit(`/s/${publicId}`);
    expect(page.html).not.toContain("You are entering");
    const key = /name="idempotency_key" value="([^"]+)"/.exec(page.html)![1];
    const started = await visitor.visit(`/s/${publicId}`, {
      idempotency_key: key,
      participate: "yes",
      special_category: "yes",
      mode: "paper",
    });
    expect(started.path).toContain("/q/");
    await visitor.answer(started.path);
    await visitor.visit(`/s/${publicId}/check`, { mode: "assisted" });
    expect((await responses()).at(-1)).toMatchObject({ status: "submitted", mode: "web" });
    expect(await enteredForSomeone()).toHaveLength(audits);
  });

  it.skipIf(skip)("a volunteer's mark without their sign-in stores nothing; signing in again lets them send", async () => {
    const volunteer = await signedIn("admin@example.org");
    await volunteer.visit(`/admin/surveys/${surveyId}/assist`, { mode: "paper", language: "en" });
    const check = await volunteer.answer(await volunteer.start(publicId));
    expect(check.path).toBe(`/s/${publicId}/check`);
    const entered = (await responses()).at(-1)!;
    expect(entered).toMatchObject({ status: "in_progress", mode: "paper" });

    // The mark copied into a stranger's browser, with no staff session: Send is refused.
    const stranger = new Device(app);
    for (const name of ["assisted", "response"]) stranger.cookies.set(name, volunteer.cookies.get(name)!);
    const strangerSend = await stranger.send(`/s/${publicId}/check`, {});
    expect(strangerSend.status).toBe(302);
    expect(strangerSend.headers.get("location")).toBe(`/login?next=${encodeURIComponent(`/s/${publicId}/check`)}`);
    const strangerStart = await stranger.send(`/s/${publicId}`, {
      idempotency_key: crypto.randomUUID(),
      participate: "yes",
      special_category: "yes",
    });
    expect(strangerStart.headers.get("location")).toMatch(/^\/login\?next=/);

    // The volunteer's own session ends (12 hours, or idle) before Send: the banner says so and Send waits.
    await withDb((db) =>
      db.updateTable("sessions").set({ expires_at: "2000-01-01T00:00:00.000Z" }).where("user_id", "=", adminId).execute(),
    );
    const lapsed = await volunteer.visit(`/s/${publicId}/check`);
    expect(lapsed.html).toContain("Your sign-in has ended: sign in again to go on entering a paper response for someone");
    const send = await volunteer.send(`/s/${publicId}/check`, {});
    expect(send.headers.get("location")).toBe(`/login?next=${encodeURIComponent(`/s/${publicId}/check`)}`);
    expect((await responses()).find((r) => r.id === entered.id)).toMatchObject({ status: "in_progress", mode: "paper" });

    const cookie = await signInCookie(app, "admin@example.org");
    volunteer.cookies.set(cookie.slice(0, cookie.indexOf("=")), cookie.slice(cookie.indexOf("=") + 1));
    const done = await volunteer.visit(`/s/${publicId}/check`, {});
    expect(done.path).toBe(`/s/${publicId}/done`);
    expect((await responses()).find((r) => r.id === entered.id)).toMatchObject({ status: "submitted", mode: "paper" });
    await volunteer.send(`/s/${publicId}/stop-entering`);
  });

  it.skipIf(skip)("a volunteer whose role is taken away part-way cannot send; nothing is stored as theirs", async () => {
    const volunteer = await signedIn("admin@example.org");
    await volunteer.visit(`/admin/surveys/${surveyId}/assist`, { mode: "assisted", language: "en" });
    await volunteer.answer(await volunteer.start(publicId));
    const entered = (await responses()).at(-1)!;
    const setRole = (role: "admin" | "board") =>
      withDb((db) => db.updateTable("memberships").set({ role }).where("user_id", "=", adminId).execute());
    await setRole("board");
    try {
      const page = await volunteer.visit(`/s/${publicId}/check`);
      expect(page.html).toContain("You can no longer enter an assisted response for someone in this browser");
      const send = await volunteer.send(`/s/${publicId}/check`, {});
      expect(send.status).toBe(403);
      expect((await responses()).find((r) => r.id === entered.id)).toMatchObject({ status: "in_progress" });
    } finally {
      await setRole("admin");
    }
    await volunteer.send(`/s/${publicId}/stop-entering`);
  });

  it.skipIf(skip)("only a signed-in admin of the survey's forum can start entering responses for someone", async () => {
    const count = () => withDb(async (db) => (await db.selectFrom("assisted_entries").select("token_hash").execute()).length);
    const before = await count();
    const fields = { mode: "paper", language: "en" };
    const anonymous = await new Device(app).send(`/admin/surveys/${surveyId}/assist`, fields);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login\?next=/);
    for (const [email, status] of [
      ["moderator@example.org", 403],
      ["board@example.org", 403],
      ["admin@another.example.org", 404],
    ] as const) {
      const device = await signedIn(email);
      const response = await device.send(`/admin/surveys/${surveyId}/assist`, fields);
      expect(response.status, email).toBe(status);
      expect(device.cookies.has("assisted"), email).toBe(false);
    }
    expect(await count()).toBe(before);
  });

  it.skipIf(skip)("the board breaks the KPIs down by how responses were given, with SDC-1 applied", async () => {
    // 24 online, 11 on paper and 3 by phone in one quarter: phone is suppressed (n < 10), and with
    // it the smallest other group (paper), so phone cannot be worked out from the total.
    const at = insideSamplePeriod(30);
    await withDb(async (db) => {
      const survey = (await findPublishedSurvey(db, publicId))!;
      const plan: ["web" | "paper" | "phone", number][] = [
        ["web", 24],
        ["paper", 11],
        ["phone", 3],
      ];
      for (const [mode, count] of plan) {
        for (let i = 0; i < count; i++) {
          await recordSubmittedResponse(db, {
            forumId: survey.forumId,
            surveyId: survey.id,
            versionId: survey.versionId,
            respondentRole: survey.audience,
            language: "en",
            source: "web",
            mode,
            submittedAt: at,
            answers: minimalParentAnswers(),
            consents: { participate: true, special_category: true, quotes: false, follow_up: false },
            consentLanguage: "en",
          });
        }
      }
      await markKpisStale(db, survey.id, [londonDate(at)]);
    });
    const quarter = periodOf("quarter", londonDate(at));
    const board = await signedIn("board@example.org");
    const page = await board.visit(`/board?survey=parent-carer-experience&periodType=quarter&period=${quarter}&by=mode`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("How the response was given");
    const tableRows = [...page.html.matchAll(/<tr data-segment-value="(\w+)"><th scope="row">([^<]+)<\/th><td class="num">([^<]+)<\/td>/g)];
    expect(tableRows.slice(0, 4).map((m) => [m[1], m[2], m[3]])).toEqual([
      ["all", "All responses", "38"],
      ["web", "Online", "24"],
      ["paper", "Paper", "c"],
      ["phone", "Phone", "c"],
    ]);

    // The public results offer the same breakdown, one at a time, under the same suppression.
    const results = await new Device(app).visit(`/results/${publicId}?periodType=quarter&period=${quarter}&by=mode&kpi=K1`);
    expect(results.status).toBe(200);
    expect(results.html).toContain("How the response was given");
    expect(results.html).toContain("Online");
    expect(results.html).not.toContain(">mode<");

    const csv = await board.send(`/board/export.csv?survey=parent-carer-experience&periodType=quarter&by=mode`);
    expect(csv.status).toBe(200);
    const rows: Record<string, string>[] = parse((await csv.text()).replace(/^\uFEFF/, ""), { columns: true });
    const k1 = rows.filter((r) => r.time_period === quarter && r.kpi_id === "K1" && r.segment_type !== "all");
    expect(k1.map((r) => [r.segment_type, r.segment_value, r.n, r.flag])).toEqual([
      ["mode", "web", "24", "u"],
      ["mode", "paper", "", "c"],
      ["mode", "phone", "", "c"],
    ]);
  });
});
