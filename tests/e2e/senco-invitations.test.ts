import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/db.server";
import { DEMO_PASSWORD, startApp, type RunningApp } from "../support/app";
import { chromiumPath, expectAccessible, launchBrowser, phoneContext } from "../support/browser";

async function answerSencoSurvey(page: Page) {
  await page.locator("#participate").check();
  await page.locator("#special_category").check();
  await page.getByRole("button", { name: "Start now" }).click();
  // waitForURL also waits for the page to finish loading, so count() sees all of it.
  await page.waitForURL(/\/q\//);
  for (let i = 0; i < 10 && /\/q\//.test(page.url()); i++) {
    const text = page.locator("textarea[name=answer]");
    if ((await text.count()) === 0) await page.locator("input[name=answer]").first().check();
    const question = page.url();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL((url) => url.href !== question);
  }
  await page.getByRole("button", { name: "Send my answers" }).click();
}

describe.skipIf(!chromiumPath)("SENCO survey through single-use links, and sharing", () => {
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

  it("an invitation lets one response in, then the link is spent; the response keeps no link to it", async () => {
    expect(app.invitationLinks).toHaveLength(3);
    const context = await phoneContext(browser, { javaScript: false });
    const page = await context.newPage();

    // Without an invitation the invitation-only survey explains itself, and it is not listed publicly.
    const direct = await page.goto(`${app.url}/s/${app.publicIds["senco-experience"]}`);
    expect(direct?.status()).toBe(403);
    expect(await page.locator("h1").textContent()).toBe("This survey is by invitation");
    await page.goto(app.url);
    expect(await page.locator(`a[href="/s/${app.publicIds["senco-experience"]}"]`).count()).toBe(0);

    await page.goto(app.url + app.invitationLinks[0]);
    await answerSencoSurvey(page);
    expect(await page.locator("h1").textContent()).toBe("Your answers have been sent");

    const again = await page.goto(app.url + app.invitationLinks[0]);
    expect(again?.status()).toBe(410);
    expect(await page.locator("h1").textContent()).toBe("This link has already been used");
    const unknown = await page.goto(`${app.url}/i/notarealinvitationtoken`);
    expect(unknown?.status()).toBe(404);

    const db = openDatabase(app.databaseUrl);
    try {
      const spent = await db.selectFrom("survey_invitations").select(["spent_at"]).where("spent_at", "is not", null).execute();
      expect(spent).toHaveLength(1);
      // Unattributable: the link a response started with is forgotten when it is sent, so no
      // column of a sent response refers to an invitation.
      const sent = (await db.selectFrom("responses").selectAll().where("status", "=", "submitted").executeTakeFirstOrThrow()) as Record<
        string,
        unknown
      >;
      const references = Object.entries(sent).filter(([column, value]) => /invit|token|batch/.test(column) && value !== null);
      expect(references).toEqual([]);
    } finally {
      await db.destroy();
    }
    await context.close();
  });

  it("two browsers with the same link: the second submission is refused and stores nothing", async () => {
    const first = await phoneContext(browser, { javaScript: false });
    const second = await phoneContext(browser, { javaScript: false });
    const a = await first.newPage();
    const b = await second.newPage();
    await a.goto(app.url + app.invitationLinks[1]);
    await b.goto(app.url + app.invitationLinks[1]);
    await answerSencoSurvey(a);
    expect(await a.locator("h1").textContent()).toBe("Your answers have been sent");
    // b had started before a finished: its start page is gone now, so start over the response via the form.
    await b.reload();
    expect(await b.locator("h1").textContent()).toBe("This link has already been used");
    const db = openDatabase(app.databaseUrl);
    try {
      const submitted = await db.selectFrom("responses").select(["id"]).where("status", "=", "submitted").execute();
      expect(submitted).toHaveLength(2);
    } finally {
      await db.destroy();
    }
    await first.close();
    await second.close();
  });

  it("an admin shares a survey: public link, QR codes only for a public survey, and a batch of links as CSV", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${app.url}/login`);
    await page.locator("#email").fill("admin@example.org");
    await page.locator("#password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    const db = openDatabase(app.databaseUrl);
    const survey = await db.selectFrom("surveys").select(["id"]).where("slug", "=", "senco-experience").executeTakeFirstOrThrow();
    await db.destroy();
    await page.goto(`${app.url}/admin/surveys/${survey.id}/share`);
    expect(await page.getByTestId("public-link").textContent()).toContain(`/s/${app.publicIds["senco-experience"]}`);
    await expectAccessible(page);
    // The SENCO survey is invitation-only: no public QR code. The parents' survey has one.
    expect((await page.request.get(`${app.url}/admin/surveys/${survey.id}/qr.png`)).status()).toBe(409);
    const db2 = openDatabase(app.databaseUrl);
    const parents = await db2.selectFrom("surveys").select(["id"]).where("slug", "=", "parent-carer-experience").executeTakeFirstOrThrow();
    await db2.destroy();
    const png = await page.request.get(`${app.url}/admin/surveys/${parents.id}/qr.png`);
    expect(png.headers()["content-type"]).toBe("image/png");
    expect((await png.body()).subarray(1, 4).toString()).toBe("PNG");
    const svg = await page.request.get(`${app.url}/admin/surveys/${parents.id}/qr.svg`);
    expect(await svg.text()).toContain("<svg");

    await page.locator("#size").fill("0");
    await page.getByRole("button", { name: "Create links and download CSV" }).click();
    expect(await page.locator(".error-summary").textContent()).toContain("Enter a name for this batch");
    await page.locator("#label").fill("Spring SENCOs");
    await page.locator("#size").fill("25");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Create links and download CSV" }).click(),
    ]);
    const csv = await (await download.createReadStream()).toArray();
    const lines = Buffer.concat(csv)
      .toString("utf8")
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r\n/);
    expect(lines[0]).toBe("number,link");
    expect(lines).toHaveLength(26);
    const link = new URL(lines[1].split(",")[1]);
    expect(link.pathname).toMatch(/^\/i\/[A-Za-z0-9_-]+$/);
    // A link from the batch works for a SENCO.
    const senco = await phoneContext(browser, { javaScript: false });
    const sencoPage = await senco.newPage();
    await sencoPage.goto(app.url + link.pathname);
    expect(await sencoPage.locator("h1").textContent()).not.toBe("This survey is by invitation");
    await senco.close();

    // A board member cannot reach sharing.
    const board = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const boardPage = await board.newPage();
    await boardPage.goto(`${app.url}/login`);
    await boardPage.locator("#email").fill("board@example.org");
    await boardPage.locator("#password").fill(DEMO_PASSWORD);
    await boardPage.getByRole("button", { name: "Sign in" }).click();
    const refused = await boardPage.goto(`${app.url}/admin/surveys/${survey.id}/share`);
    expect(refused?.status()).toBe(403);
    await board.close();
    await context.close();
  });
});
