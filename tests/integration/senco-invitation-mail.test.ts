import nodemailer from "nodemailer";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db.server";
import { drainOutbox } from "~/mail/outbox.server";
import { checkSurveyInvitation, listInvitationBatches } from "~/models/survey-invitations.server";
import { mailInvitationBatch, revokeInvitationBatch, revokeInvitationLink } from "~/models/survey-invitation-mail.server";
import { MailBatchForm } from "~/schemas/senco-invitations";
import { forumWithSurvey } from "../factories";
import { createTestDb, STORES, type TestDb } from "../support/db";
import { startSmtpListener, type SmtpListener } from "../support/smtp";

/** Every text value in every table of the test's database. */
async function everyStoredText(t: TestDb): Promise<string> {
  const tables =
    t.kind === "sqlite"
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(t.db)).rows.map((r) => r.name)
      : (
          await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = ${t.schema}`.execute(
            t.db,
          )
        ).rows.map((r) => r.name);
  const texts: string[] = [];
  for (const name of tables) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(t.db);
    for (const row of rows.rows) for (const value of Object.values(row)) if (typeof value === "string") texts.push(value);
  }
  return texts.join("\n");
}

const linkIn = (text: string) => text.match(/https:\/\/voice\.example\.org\/i\/([A-Za-z0-9_-]+)/)?.[1] ?? "";

describe.each(STORES)("SENCO invitations by e-mail on $kind", ({ kind, skip }) => {
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

  async function send(db: DB, forumId: string, surveyId: string, addresses: string[]) {
    const result = await mailInvitationBatch(db, {
      forumId,
      forumName: "Test forum",
      surveyId,
      surveyTitle: "SENCO survey",
      label: "Spring SENCOs",
      addresses,
      createdBy: "admin-1",
      base: "https://voice.example.org",
    });
    const transport = nodemailer.createTransport(smtp.url);
    await drainOutbox(db, transport, "test-server");
    transport.close();
    return result;
  }

  it.skipIf(skip)("mails one working single-use link to each address, and afterwards no table holds an address", async () => {
    const { forum, survey } = await forumWithSurvey(t.db);
    const addresses = ["senco@oak-primary.example.sch.uk", "inclusion@beech-academy.example.sch.uk", "office@elm-school.example.sch.uk"];
    expect((await send(t.db, forum.id, survey.id, addresses)).sent).toBe(3);
    expect(smtp.messages.map((m) => m.to[0]).sort()).toEqual([...addresses].sort());
    const tokens = smtp.messages.map((m) => linkIn(m.text));
    expect(new Set(tokens).size).toBe(3);
    for (const token of tokens) expect((await checkSurveyInvitation(t.db, token)).state).toBe("usable");
    const stored = await everyStoredText(t);
    for (const address of addresses) {
      expect(stored).not.toContain(address);
      expect(stored).not.toContain(address.split("@")[1]);
    }
    for (const token of tokens) expect(stored).not.toContain(token);
    expect(await listInvitationBatches(t.db, forum.id, survey.id)).toMatchObject([
      { label: "Spring SENCOs", size: 3, spent: 0, revoked: false },
    ]);
  });

  it.skipIf(skip)("revokes one leaked link, then the rest of the batch; a used link is too late to revoke", async () => {
    const { forum, survey } = await forumWithSurvey(t.db);
    const { batchId } = await send(t.db, forum.id, survey.id, ["a@school.example", "b@school.example", "c@school.example"]);
    const [leaked, used, other] = smtp.messages.map((m) => linkIn(m.text));
    await t.db
      .updateTable("survey_invitations")
      .set({ spent_at: new Date().toISOString() })
      .where("token_hash", "=", (await import("~/codes.server")).hashToken(used))
      .execute();

    expect(await revokeInvitationLink(t.db, forum.id, survey.id, `https://voice.example.org/i/${leaked}`)).toBe("revoked");
    expect((await checkSurveyInvitation(t.db, leaked)).state).toBe("unknown");
    expect((await checkSurveyInvitation(t.db, other)).state).toBe("usable");
    expect(await revokeInvitationLink(t.db, forum.id, survey.id, used)).toBe("used");
    expect(await revokeInvitationLink(t.db, forum.id, survey.id, "https://voice.example.org/i/not-one-of-ours-123")).toBe("unknown");
    // Another forum cannot revoke this survey's links.
    const stranger = await forumWithSurvey(t.db);
    expect(await revokeInvitationLink(t.db, stranger.forum.id, survey.id, other)).toBe("unknown");
    expect(await revokeInvitationBatch(t.db, stranger.forum.id, survey.id, batchId)).toBe(-1);

    expect(await revokeInvitationBatch(t.db, forum.id, survey.id, batchId)).toBe(1);
    expect((await checkSurveyInvitation(t.db, other)).state).toBe("unknown");
    expect((await checkSurveyInvitation(t.db, used)).state).toBe("spent");
    expect(await revokeInvitationBatch(t.db, forum.id, survey.id, batchId)).toBe(-1);
    expect((await listInvitationBatches(t.db, forum.id, survey.id))[0]).toMatchObject({ revoked: true, spent: 1 });
  });

  it.skipIf(skip)("checks the pasted list: duplicates once, and says which entries are not addresses", () => {
    const ok = MailBatchForm.safeParse({ label: "Spring", addresses: "A@school.example\na@school.example, b@school.example;" });
    expect(ok.success && ok.data.addresses).toEqual(["a@school.example", "b@school.example"]);
    const bad = MailBatchForm.safeParse({ label: "Spring", addresses: "a@school.example\nnot an address" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].message).toContain("not e-mail addresses: not, an, address");
  });
});
