import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeNetworkRows } from "~/models/network-counts.server";
import { joinNetwork } from "~/models/network-members.server";
import { addMembership, createUser } from "~/models/users.server";
import { DEMO_PASSWORD, startApp, type RunningApp } from "../support/app";
import { chromiumPath, expectAccessible, launchBrowser, pageLoaded, phoneContext, signIn } from "../support/browser";
import { SAMPLE_PERIOD } from "../support/clock";
import { createTestDb, type TestDb } from "../support/db";
import { hostedForum, parentAnswers, submitMany, TEMPLATE } from "../support/network";

/**
 * On a phone with JavaScript off: Ash's admin joins the network after ticking the confirmation,
 * and the board dashboard then compares Ash with Birch and Cedar, each KPI's position as
 * computeNetworkRows gives it; both pages pass axe.
 */
describe.skipIf(!chromiumPath)("a forum admin's network page and the board's comparison", () => {
  let database: TestDb;
  let app: RunningApp;
  let browser: Browser;
  beforeAll(async () => {
    database = await createTestDb("sqlite");
    const db = database.db;
    const ash = await hostedForum(db, "ash-pcf", "Ash Parent Carer Forum");
    await submitMany(db, ash.survey, 12, parentAnswers({ overall_experience: "very_good" }), 0);
    const birch = await hostedForum(db, "birch-pcf", "Birch Parent Carer Forum");
    await submitMany(db, birch.survey, 11, parentAnswers({ overall_experience: "neither" }), 0);
    const cedar = await hostedForum(db, "cedar-pcf", "Cedar Parent Carer Forum");
    await submitMany(db, cedar.survey, 10, parentAnswers({ overall_experience: "good" }), 1);
    await joinNetwork(db, { code: "birch-pcf", actor: "test" });
    await joinNetwork(db, { code: "cedar-pcf", actor: "test" });
    const admin = await createUser(db, { email: "admin@ash.example.org", password: DEMO_PASSWORD });
    await addMembership(db, { userId: admin, forumId: ash.forum.id, role: "admin" });
    app = await startApp({ DATABASE_URL: database.url });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await database?.destroy();
  });

  it("joins after confirming, then shows each KPI's position on the board", async () => {
    const context = await phoneContext(browser, { javaScript: false });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, app, "admin@ash.example.org");

    await page.goto(`${app.url}/admin/network`);
    expect(await page.getByTestId("network-status").textContent()).toContain("never joined");
    // Without the box ticked: an error summary, and still out of the network.
    await page.getByRole("button", { name: "Join the network" }).click();
    await expect.poll(() => page.locator(".error-summary").count()).toBe(1);
    await pageLoaded(page);
    expect(await page.locator(".error-summary").textContent()).toContain("Tick the box");
    await page.getByLabel("I understand our forum's counts will reach the network's public figures").check();
    await page.getByRole("button", { name: "Join the network" }).click();
    await page.waitForURL((url) => url.search === "?done=joined");
    expect(await page.getByTestId("network-done").textContent()).toContain("has joined the network");
    expect(await page.getByTestId("network-status").textContent()).toContain("Yes, since");
    expect(await page.getByRole("link", { name: "Download your forum's counts file (CSV)" }).getAttribute("href")).toBe(
      "/admin/network.csv",
    );

    await page.goto(`${app.url}/board?survey=${TEMPLATE}&periodType=stocktake&period=${SAMPLE_PERIOD}`);
    const table = page.getByTestId("network-comparison");
    await table.waitFor();
    const rows = (await computeNetworkRows(database.db, { template: TEMPLATE, periodType: "stocktake" })).filter(
      (r) => r.time_period === SAMPLE_PERIOD,
    );
    const shown = await table
      .locator("tbody tr")
      .evaluateAll((trs) => trs.map((tr) => [tr.getAttribute("data-kpi"), tr.getAttribute("data-position")]));
    const expected = [...new Set(rows.map((r) => r.kpi_id))].map((kpi) => [
      kpi,
      rows.find((r) => r.kpi_id === kpi && r.segment_value === "ash-pcf")?.position ?? "",
    ]);
    expect(shown).toEqual(expected);
    const k1 = rows.find((r) => r.kpi_id === "K1" && r.segment_type === "all")!;
    const k1Text = await table.locator('tr[data-kpi="K1"]').textContent();
    expect(k1Text).toContain(`${k1.percent!.toFixed(1)}%`);
    expect(k1Text).toContain(String(k1.n));
    expect(await table.locator('tr[data-kpi="K1"] a').getAttribute("href")).toBe(
      `/network/${TEMPLATE}/K1?periodType=stocktake&period=${encodeURIComponent(SAMPLE_PERIOD)}`,
    );
    await page.setViewportSize({ width: 320, height: 640 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await context.close();

    const withScript = await phoneContext(browser, { javaScript: true });
    const checked = await withScript.newPage();
    await signIn(checked, app, "admin@ash.example.org");
    await checked.goto(`${app.url}/board?survey=${TEMPLATE}&periodType=stocktake&period=${SAMPLE_PERIOD}`);
    await checked.getByTestId("network-comparison").waitFor();
    await expectAccessible(checked);
    await checked.goto(`${app.url}/admin/network`);
    await expectAccessible(checked);
    await withScript.close();
  });
});
