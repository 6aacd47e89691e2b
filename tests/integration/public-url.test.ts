import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/db.server";
import { findForumBySlug } from "~/models/forums.server";
import { findPublishedSurveyBySlug } from "~/models/published-surveys.server";
import { setSurveyAccess } from "~/models/survey-invitations.server";
import { DEMO_FORUM } from "~/seed.server";
import { DEMO_PASSWORD, startApp, type RunningApp } from "../support/app";

const PUBLIC_URL = "https://voice.example.org";

/**
 * With PUBLIC_URL set, the links the forum hands out (start-up message, share page, QR codes,
 * invitation CSV) use it, never the host a request arrived at; an invitation-only survey has no
 * public QR code; the public footer links staff to sign in.
 */
describe("links from PUBLIC_URL", () => {
  let app: RunningApp;
  let cookie: string;
  let surveyId: string;

  const post = (path: string, fields: Record<string, string>) =>
    fetch(`${app.url}${path}`, {
      method: "POST",
      redirect: "manual",
      // Forms are accepted from PUBLIC_URL's origin only, through the proxy that serves it.
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: PUBLIC_URL,
        "X-Forwarded-Host": "voice.example.org",
        "X-Forwarded-Proto": "https",
        ...(cookie ? { Cookie: cookie } : {}),
      },
      body: new URLSearchParams(fields),
    });

  beforeAll(async () => {
    app = await startApp({ SEED_SAMPLE_RESPONSES: "0", PUBLIC_URL });
    const signedIn = await post("/login", { email: "admin@example.org", password: DEMO_PASSWORD });
    cookie = (signedIn.headers.get("set-cookie") ?? "").split(";")[0];
    expect(cookie).toMatch(/=/);
    const db = openDatabase(app.databaseUrl);
    try {
      const forum = (await findForumBySlug(db, DEMO_FORUM.slug))!;
      surveyId = (await findPublishedSurveyBySlug(db, forum.id, "parent-carer-experience"))!.id;
    } finally {
      await db.destroy();
    }
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("prints whole links on start, and says where staff sign in", () => {
    expect(app.output()).toContain(`parent-carer-experience: ${PUBLIC_URL}/s/${app.publicIds["parent-carer-experience"]}`);
    expect(app.output()).toMatch(new RegExp(`invitation: ${PUBLIC_URL}/i/\\S+`));
    expect(app.output()).toContain(`staff sign in at ${PUBLIC_URL}/login`);
  });

  it("uses PUBLIC_URL on the share page and in the invitation CSV, not the request's host", async () => {
    const share = await (await fetch(`${app.url}/admin/surveys/${surveyId}/share`, { headers: { Cookie: cookie } })).text();
    expect(share).toContain(`${PUBLIC_URL}/s/${app.publicIds["parent-carer-experience"]}`);
    expect(share).not.toContain(`${app.url}/s/`);
    const csv = await (await post(`/admin/surveys/${surveyId}/invitations.csv`, { label: "Spring", size: "2" })).text();
    expect(csv.match(new RegExp(`${PUBLIC_URL}/i/`, "g"))?.length).toBe(2);
    expect((await fetch(`${app.url}/admin/surveys/${surveyId}/qr.svg`, { headers: { Cookie: cookie } })).status).toBe(200);
  });

  it("offers no public QR code for an invitation-only survey: its QR routes answer 409 with a message", async () => {
    const db = openDatabase(app.databaseUrl);
    try {
      const forum = (await findForumBySlug(db, DEMO_FORUM.slug))!;
      await setSurveyAccess(db, forum.id, surveyId, "invite_only");
    } finally {
      await db.destroy();
    }
    for (const format of ["svg", "png"]) {
      const response = await fetch(`${app.url}/admin/surveys/${surveyId}/qr.${format}`, { headers: { Cookie: cookie } });
      expect(response.status).toBe(409);
      expect(await response.text()).toContain("for invited people only");
    }
    const share = await (await fetch(`${app.url}/admin/surveys/${surveyId}/share`, { headers: { Cookie: cookie } })).text();
    expect(share).not.toContain("qr.svg");
    expect(share).toContain("no public QR code");
  });

  it("has a staff sign-in link in the public footer, in the reader's language", async () => {
    const english = await (await fetch(`${app.url}/`)).text();
    expect(english).toMatch(/<a href="\/login">Staff sign in<\/a>/);
    const polish = await (await fetch(`${app.url}/`, { headers: { "Accept-Language": "pl" } })).text();
    expect(polish).toContain("Logowanie dla pracowników");
  });
});
