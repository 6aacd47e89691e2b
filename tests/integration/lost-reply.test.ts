import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/db.server";
import { startApp, type RunningApp } from "../support/app";
import { Device, receiptOn } from "../support/survey-client";

/**
 * A parent who pressed Send must get a receipt, even when the reply never reached the phone;
 * and a single-use invitation must travel with the response it started.
 */
describe("receipts and invitations that survive a lost reply or a second device", () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  async function submittedCount(): Promise<number> {
    const db = openDatabase(app.databaseUrl);
    try {
      const row = await db
        .selectFrom("responses")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("status", "=", "submitted")
        .executeTakeFirstOrThrow();
      return Number(row.n);
    } finally {
      await db.destroy();
    }
  }

  async function receiptFinds(code: string): Promise<boolean> {
    const page = await new Device(app).visit("/receipt", { code });
    return page.html.includes('data-testid="receipt-found"');
  }

  it("the reply to Send is lost: sending again shows the same receipt code, and one response is stored", async () => {
    const phone = new Device(app);
    const publicId = app.publicIds["parent-carer-experience"];
    const check = await phone.answer(await phone.start(publicId));
    expect(check.path).toBe(`/s/${publicId}/check`);
    const before = await submittedCount();

    // The server stores the response, but its reply (and the cookie with the code) never arrives.
    const lost = await phone.send(`/s/${publicId}/check`, {}, { dropReply: true });
    expect(lost.status).toBe(302);
    const codeInLostReply = decodeURIComponent(
      /receipt=([^;]+)/.exec(lost.headers.getSetCookie().find((c) => c.startsWith("receipt=")) ?? "")?.[1] ?? "",
    );
    expect(codeInLostReply).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{2}$/);

    // The phone sends the same form again, as a browser does on "resend".
    const again = await phone.visit(`/s/${publicId}/check`, {});
    expect(again.path).toBe(`/s/${publicId}/done`);
    expect(receiptOn(again.html)).toBe(codeInLostReply);
    expect(await submittedCount()).toBe(before + 1);
    expect(await receiptFinds(codeInLostReply)).toBe(true);

    // Opening the confirmation page again on that phone shows it too; another device with the
    // response cookie but not the sender's key does not get it.
    expect(receiptOn((await phone.visit(`/s/${publicId}/done`)).html)).toBe(codeInLostReply);
    const stranger = new Device(app);
    for (const [name, value] of phone.cookies) if (name !== "sender") stranger.cookies.set(name, value);
    stranger.cookies.delete("receipt");
    const strangerPage = await stranger.visit(`/s/${publicId}/done`);
    expect(strangerPage.path).toBe(`/s/${publicId}/done`);
    expect(receiptOn(strangerPage.html)).toBeNull();
  });

  it("a SENCO saves on one device and sends from another with the resume code: accepted, and the link is then spent", async () => {
    const publicId = app.publicIds["senco-experience"];
    const link = app.invitationLinks[2];
    const office = new Device(app);
    const opened = await office.visit(link);
    expect(opened.path).toBe(`/s/${publicId}`);
    const first = await office.start(publicId);
    const stopped = await office.answer(first, 1);
    expect(stopped.path).toContain("/q/");
    const saved = await office.visit(stopped.path, { intent: "save" });
    const resumeCode = /data-testid="resume-code"[^>]*>([0-9A-Z-]+)</.exec(saved.html)?.[1];
    expect(resumeCode).toBeTruthy();

    // At home: no invitation cookie, only the code.
    const home = new Device(app);
    const resumed = await home.visit("/resume", { code: resumeCode! });
    expect(resumed.path).toContain(`/s/${publicId}/q/`);
    const check = await home.answer(resumed.path);
    expect(check.path).toBe(`/s/${publicId}/check`);
    const done = await home.visit(`/s/${publicId}/check`, {});
    expect(done.path).toBe(`/s/${publicId}/done`);
    expect(receiptOn(done.html)).toMatch(/^[0-9A-Z-]{14}$/);

    // The link is spent; the response keeps no trace of which link it was.
    const reopened = await new Device(app).visit(link);
    expect(reopened.html).toContain("This link has already been used");
    const db = openDatabase(app.databaseUrl);
    try {
      const rows = await db
        .selectFrom("responses")
        .select("invitation_hash")
        .where("survey_id", "in", db.selectFrom("surveys").select("id").where("slug", "=", "senco-experience"))
        .where("status", "=", "submitted")
        .execute();
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.invitation_hash === null)).toBe(true);
    } finally {
      await db.destroy();
    }
  });
});
