import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/db.server";
import { ensureQueued } from "~/models/moderation-queue.server";
import { findPublishedSurvey } from "~/models/published-surveys.server";
import { minimalParentAnswers, submitAnswers } from "../factories";
import { startApp, type RunningApp } from "../support/app";
import { postForm, signInCookie } from "../support/http";
import { startSmtpListener, type SmtpListener } from "../support/smtp";

const run = promisify(execFile);

/**
 * Mail from the running server to a real SMTP listener: the safeguarding lead hears of a flag at
 * once, invitations and reset links go to the person, and `npm run mail -- daily-summary` sends
 * the admins what waits. Without SMTP_URL the overview says mail is off and links are copied.
 */
describe("mail from the server", () => {
  let app: RunningApp;
  let smtp: SmtpListener;
  let admin: string;

  beforeAll(async () => {
    smtp = await startSmtpListener();
    app = await startApp({
      SEED_SAMPLE_RESPONSES: "0",
      SMTP_URL: smtp.url,
      MAIL_POLL_SECONDS: "0.2",
      MAIL_FROM: "forum@voice.example.org",
    });
    admin = await signInCookie(app, "admin@example.org");
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.close();
  });

  const arrived = async (subject: string) => {
    const until = Date.now() + 30_000;
    for (;;) {
      const found = smtp.messages.find((m) => m.subject.includes(subject));
      if (found) return found;
      if (Date.now() > until) throw new Error(`No message "${subject}"; arrived: ${smtp.messages.map((m) => m.subject).join(", ")}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it("says on the overview that mail is on", async () => {
    const page = await (await fetch(`${app.url}/admin`, { headers: { Cookie: admin } })).text();
    expect(page).toContain("Mail is on");
    expect(page).toContain(`127.0.0.1:${smtp.port}`);
  });

  it("tells the safeguarding lead at once when an answer is flagged, without the answer", async () => {
    const db = openDatabase(app.databaseUrl);
    let itemId: string;
    try {
      const survey = (await findPublishedSurvey(db, app.publicIds["parent-carer-experience"]))!;
      await submitAnswers(db, survey, { ...minimalParentAnswers(), what_would_help: { kind: "text", text: "Frightened at home tonight" } });
      await ensureQueued(db, survey.forumId);
      itemId = (await db.selectFrom("moderation_items").select("id").executeTakeFirstOrThrow()).id;
    } finally {
      await db.destroy();
    }
    const moderator = await signInCookie(app, "moderator@example.org");
    const flagged = await postForm(app, `/admin/moderation/${itemId}`, { intent: "flag", note: "Parent may be at risk" }, moderator);
    expect(flagged.status).toBeLessThan(400);
    const notice = await arrived("flagged for safeguarding");
    // The demo forum's safeguarding lead is its admin.
    expect(notice.to).toEqual(["admin@example.org"]);
    expect(notice.from).toBe("forum@voice.example.org");
    expect(notice.text).toContain(`${app.url}/admin/moderation/safeguarding`);
    expect(notice.text).not.toContain("Frightened");
    expect(notice.text).not.toContain("at risk");
  });

  it("sends a staff invitation to the address it is for, and the link in it works", async () => {
    const invited = await postForm(app, "/admin/users", { intent: "invite", email: "new.volunteer@example.org", role: "moderator" }, admin);
    expect(invited.status).toBe(302);
    expect(invited.headers.get("location")).toBe("/admin/users?done=invite_sent");
    const mail = await arrived("You are invited");
    expect(mail.to).toEqual(["new.volunteer@example.org"]);
    const link = mail.text.match(/http:\/\/\S+\/join\/\S+/)?.[0];
    expect(link).toBeDefined();
    const page = await fetch(link!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("new.volunteer@example.org");
    const listed = await (await fetch(`${app.url}/admin/users?done=invite_sent`, { headers: { Cookie: admin } })).text();
    expect(listed).toContain("Invitation sent by e-mail");
    expect(listed).not.toContain("/join/");
  });

  it("sends a password reset link to the member", async () => {
    const db = openDatabase(app.databaseUrl);
    let boardId: string;
    try {
      boardId = (await db.selectFrom("users").select("id").where("email", "=", "board@example.org").executeTakeFirstOrThrow()).id;
    } finally {
      await db.destroy();
    }
    const reset = await postForm(app, "/admin/users", { intent: "reset", userId: boardId }, admin);
    expect(reset.headers.get("location")).toContain("done=reset_sent");
    const mail = await arrived("reset your password");
    expect(mail.to).toEqual(["board@example.org"]);
    expect((await fetch(mail.text.match(/http:\/\/\S+\/reset\/\S+/)![0])).status).toBe(200);
  });

  it("npm run mail -- daily-summary sends each admin what waits, and leaves nothing in the outbox", async () => {
    const before = smtp.messages.length;
    const { stdout } = await run(process.execPath, ["--import", "tsx", "app/cli/mail.ts", "daily-summary"], {
      env: { ...process.env, DATABASE_URL: app.databaseUrl, SMTP_URL: smtp.url, PUBLIC_URL: "https://voice.example.org" },
      encoding: "utf8",
    });
    expect(stdout).toContain("Queued 1 daily summaries.");
    const summary = await arrived("what waits today");
    expect(smtp.messages.length).toBeGreaterThan(before);
    expect(summary.to).toEqual(["admin@example.org"]);
    expect(summary.text).toContain("1 open safeguarding flag: https://voice.example.org/admin/moderation/safeguarding");
    const db = openDatabase(app.databaseUrl);
    try {
      expect(await db.selectFrom("mail_outbox").select("id").execute()).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});

describe("without SMTP_URL", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ SEED_SAMPLE_RESPONSES: "0" });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("says mail is off, and an invitation's link is shown to copy", async () => {
    const admin = await signInCookie(app, "admin@example.org");
    expect(await (await fetch(`${app.url}/admin`, { headers: { Cookie: admin } })).text()).toContain("Mail is off");
    const invited = await postForm(app, "/admin/users", { intent: "invite", email: "someone@example.org", role: "board" }, admin);
    expect(invited.headers.get("location")).toBe("/admin/users?done=invited");
    const cookie = (invited.headers.get("set-cookie") ?? "").split(";")[0];
    const page = await (await fetch(`${app.url}/admin/users?done=invited`, { headers: { Cookie: `${admin}; ${cookie}` } })).text();
    expect(page).toMatch(/\/join\/[A-Za-z0-9_-]{20,}/);
  });
});
