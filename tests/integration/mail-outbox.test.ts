import { randomUUID } from "node:crypto";
import nodemailer from "nodemailer";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { drainOutbox } from "~/mail/outbox.server";
import { claimNextMail, countQueuedMail, enqueueMail, mailFailed, type OutgoingMail } from "~/models/mail-outbox.server";
import { queueDailySummaries, queueSafeguardingNotice } from "~/models/mail-recipients.server";
import { startResponse } from "~/models/responses.server";
import { addMembership, createUser } from "~/models/users.server";
import { forumWithSurvey } from "../factories";
import { createTestDb, STORES, type TestDb } from "../support/db";
import { startSmtpListener, type SmtpListener } from "../support/smtp";

const message = (i: number): OutgoingMail => ({
  forumId: null,
  kind: "staff_invitation",
  to: `person${i}@example.org`,
  subject: `Message ${i}`,
  text: `Hello ${i}`,
});

describe.each(STORES)("the mail outbox on $kind", ({ kind, skip }) => {
  let t: TestDb;
  let smtp: SmtpListener;
  beforeEach(async () => {
    if (skip) return;
    t = await createTestDb(kind);
    smtp = await startSmtpListener();
  });
  afterEach(async () => {
    if (skip) return;
    await smtp.close();
    await t.destroy();
  });

  it.skipIf(skip)("two servers draining at once send every message exactly once, and nothing stays behind", async () => {
    await enqueueMail(
      t.db,
      Array.from({ length: 12 }, (_, i) => message(i)),
    );
    const transport = nodemailer.createTransport(smtp.url);
    const [a, b] = await Promise.all([drainOutbox(t.db, transport, "server-a"), drainOutbox(t.db, transport, "server-b")]);
    transport.close();
    expect(a.sent + b.sent).toBe(12);
    expect(smtp.messages.map((m) => m.subject).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `Message ${i}`).sort());
    expect(smtp.messages.map((m) => m.to[0]).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `person${i}@example.org`).sort());
    expect(await countQueuedMail(t.db)).toBe(0);
  });

  it.skipIf(skip)(
    "a message held by a server that died is sent by another once the claim runs out; a live claim is left alone",
    async () => {
      await enqueueMail(t.db, [message(1)]);
      const now = new Date();
      const held = await claimNextMail(t.db, "killed-server", now);
      expect(held?.subject).toBe("Message 1");
      expect(await claimNextMail(t.db, "other-server", new Date(now.getTime() + 60_000))).toBeUndefined();
      const taken = await claimNextMail(t.db, "other-server", new Date(now.getTime() + 3 * 60_000));
      expect(taken?.id).toBe(held?.id);
    },
  );

  it.skipIf(skip)("a refused message is kept and tried again later, then sent", async () => {
    await enqueueMail(t.db, [message(7)]);
    smtp.refuseWith = "Mailbox busy, try later";
    const transport = nodemailer.createTransport(smtp.url);
    expect(await drainOutbox(t.db, transport, "server-a")).toEqual({ sent: 0, failed: 1 });
    const row = await t.db.selectFrom("mail_outbox").select(["attempts", "next_attempt_at", "last_error"]).executeTakeFirstOrThrow();
    expect(Number(row.attempts)).toBe(1);
    expect(row.next_attempt_at > new Date().toISOString()).toBe(true);
    expect(row.last_error).toContain("Mailbox busy");
    // Not before its time.
    expect(await drainOutbox(t.db, transport, "server-a")).toEqual({ sent: 0, failed: 0 });
    smtp.refuseWith = null;
    await t.db
      .updateTable("mail_outbox")
      .set({ next_attempt_at: new Date(Date.now() - 1000).toISOString() })
      .execute();
    expect(await drainOutbox(t.db, transport, "server-a")).toEqual({ sent: 1, failed: 0 });
    transport.close();
    expect(smtp.messages.map((m) => m.subject)).toEqual(["Message 7"]);
    expect(await countQueuedMail(t.db)).toBe(0);
  });

  it.skipIf(skip)("gives a message up after its last attempt, deleting it and saying so in the audit log", async () => {
    await enqueueMail(t.db, [message(3)]);
    let outcome = "retry";
    for (let attempt = 0; outcome === "retry"; attempt++) {
      const at = new Date(Date.now() + attempt * 2 * 3_600_000);
      const claimed = await claimNextMail(t.db, "server-a", at);
      if (!claimed) throw new Error("not claimed");
      outcome = await mailFailed(t.db, claimed, "server-a", "refused", at);
    }
    expect(outcome).toBe("given_up");
    expect(await countQueuedMail(t.db)).toBe(0);
    const log = await t.db.selectFrom("audit_log").select(["action", "detail"]).where("action", "=", "mail.given_up").execute();
    expect(log.length).toBe(1);
    expect(log[0].detail).not.toContain("person3");
  });

  it.skipIf(skip)("queues each forum's daily summary once a day for its admins, and the safeguarding notice for its lead", async () => {
    const { forum, survey } = await forumWithSurvey(t.db);
    const admin = await createUser(t.db, { email: "admin@forum.example.org", password: "a long enough password" });
    const lead = await createUser(t.db, { email: "lead@forum.example.org", password: "a long enough password" });
    await addMembership(t.db, { userId: admin, forumId: forum.id, role: "admin" });
    await addMembership(t.db, { userId: lead, forumId: forum.id, role: "moderator", safeguardingLead: true });
    const morning = new Date("2026-12-03T08:00:00Z");
    // Nothing waits: no summary.
    expect(await queueDailySummaries(t.db, "https://voice.example.org", { now: morning, force: true })).toBe(0);
    await startResponse(t.db, {
      forumId: forum.id,
      surveyId: survey.id,
      versionId: survey.versionId,
      respondentRole: survey.audience,
      language: "en",
      idempotencyKey: randomUUID(),
      consents: { participate: true, special_category: true, quotes: false, follow_up: true },
      contact: { name: "A parent", contact: "01632 960000" },
    });
    expect(await queueDailySummaries(t.db, "https://voice.example.org", { now: morning })).toBe(0);
    const later = new Date("2026-12-03T15:00:00Z");
    expect(await queueDailySummaries(t.db, "https://voice.example.org", { now: later })).toBe(0);
    expect(await queueDailySummaries(t.db, "https://voice.example.org", { now: later, force: true })).toBe(1);
    expect(await queueDailySummaries(t.db, "https://voice.example.org", { now: new Date("2026-12-04T08:00:00Z") })).toBe(1);
    await queueSafeguardingNotice(t.db, forum.id, "https://voice.example.org");
    const transport = nodemailer.createTransport(smtp.url);
    await drainOutbox(t.db, transport, "server-a");
    transport.close();
    const summaries = smtp.messages.filter((m) => m.subject.includes("what waits today"));
    expect(summaries.map((m) => m.to)).toEqual([["admin@forum.example.org"], ["admin@forum.example.org"]]);
    expect(summaries[0].text).toContain("1 new contact request: https://voice.example.org/admin/contact-requests?status=new");
    expect(summaries[0].text).not.toContain("01632");
    const notice = smtp.messages.find((m) => m.subject.includes("flagged for safeguarding"));
    expect(notice?.to).toEqual(["lead@forum.example.org"]);
    expect(notice?.text).toContain("https://voice.example.org/admin/moderation/safeguarding");
  });
});
