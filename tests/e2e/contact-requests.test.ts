import { randomUUID } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/db.server";
import { findForumBySlug } from "~/models/forums.server";
import { findPublishedSurveyBySlug } from "~/models/published-surveys.server";
import { startResponse } from "~/models/responses.server";
import { DEMO_FORUM } from "~/seed.server";
import { startApp, type RunningApp } from "../support/app";
import { chromiumPath, expectAccessible, launchBrowser, pageLoaded, phoneContext, signIn } from "../support/browser";

describe.skipIf(!chromiumPath)("contact requests on a phone", () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startApp({ SEED_SAMPLE_RESPONSES: "0" });
    browser = await launchBrowser();
    const db = openDatabase(app.databaseUrl);
    try {
      const forum = (await findForumBySlug(db, DEMO_FORUM.slug))!;
      const survey = (await findPublishedSurveyBySlug(db, forum.id, "parent-carer-experience"))!;
      for (const [name, contact] of [
        ["Amira Khan", "07700 900456"],
        ["Tom Evans", "tom.evans.family@example.net"],
      ]) {
        await startResponse(db, {
          forumId: forum.id,
          surveyId: survey.id,
          versionId: survey.versionId,
          respondentRole: survey.audience,
          language: "en",
          idempotencyKey: randomUUID(),
          consents: { participate: true, special_category: true, quotes: false, follow_up: true },
          contact: { name, contact },
        });
      }
    } finally {
      await db.destroy();
    }
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("an admin reads the list, records a call with a note, and finds the request under Contacted", async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await signIn(page, app, "admin@example.org");
    await page.goto(`${app.url}/admin/contact-requests`);
    await expect.poll(() => page.getByTestId("contact-request").count()).toBe(2);
    await expectAccessible(page);

    await page.getByRole("link", { name: "Amira Khan" }).click();
    await page.waitForURL(/\/admin\/contact-requests\/[^/?]+$/);
    await pageLoaded(page);
    expect(await page.getByText("07700 900456").count()).toBe(1);
    await expectAccessible(page);
    await page.getByLabel("Contacted").check();
    await page.getByLabel("Note of what was done").fill("Rang on Tuesday; SENCO meeting booked");
    await page.getByRole("button", { name: "Save" }).click();
    await page.waitForURL(/saved=1/);
    await expect.poll(() => page.getByRole("status").textContent()).toContain("contacted");
    await expectAccessible(page);

    await page.goto(`${app.url}/admin/contact-requests?status=contacted`);
    await expect.poll(() => page.getByTestId("contact-request").allTextContents()).toEqual([expect.stringContaining("Amira Khan")]);
    await page.goto(`${app.url}/admin/contact-requests?status=new`);
    await expect.poll(() => page.getByTestId("contact-request").allTextContents()).toEqual([expect.stringContaining("Tom Evans")]);
    await context.close();
  });
});
