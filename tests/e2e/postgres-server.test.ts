import { randomBytes } from "node:crypto";
import pg from "pg";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, startApp, type RunningApp } from "../support/app";
import { chromiumPath, launchBrowser, phoneContext } from "../support/browser";
import { postgresUrl } from "../support/db";

/**
 * The same built server on PostgreSQL, as a forum that has outgrown one machine would run it:
 * migrations, the demo seed, a parent's whole journey and the board's figures.
 */
describe.skipIf(!chromiumPath || !postgresUrl)("the server on PostgreSQL", () => {
  const database = `forum_${randomBytes(5).toString("hex")}`;
  let app: RunningApp;
  let browser: Browser;

  async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    await admin((c) => c.query(`create database ${database}`));
    const url = new URL(postgresUrl);
    url.pathname = `/${database}`;
    // The server seeds the demo itself here, at its own "now", as `npm start` does.
    app = await startApp({ DATABASE_URL: url.toString(), SEED_SAMPLE_RESPONSES: "1" }, { seedClock: "server" });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await admin((c) => c.query(`drop database if exists ${database} with (force)`));
  });

  it("migrates, seeds, stores a parent's response and shows the board its figures", async () => {
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);

    const context = await phoneContext(browser, { javaScript: false });
    const page = await context.newPage();
    await page.goto(`${app.url}/s/${app.publicIds["parent-carer-experience"]}`);
    await page.locator("#participate").check();
    await page.locator("#special_category").check();
    await page.getByRole("button", { name: "Start now" }).click();
    // waitForURL also waits for the page to finish loading, so count() sees all of it.
    await page.waitForURL(/\/q\//);
    for (let i = 0; i < 30 && /\/q\//.test(page.url()); i++) {
      if ((await page.locator("textarea[name=answer]").count()) === 0) await page.locator("input[name=answer]").first().check();
      const question = page.url();
      await page.getByRole("button", { name: "Continue" }).click();
      await page.waitForURL((url) => url.href !== question);
    }
    await page.getByRole("button", { name: "Send my answers" }).click();
    expect(await page.locator("h1").textContent()).toBe("Your answers have been sent");
    await context.close();

    const target = new pg.Client({ connectionString: postgresUrl.replace(/\/[^/]*$/, `/${database}`) });
    await target.connect();
    const counts = await target
      .query(`select source, count(*)::int as n from responses where status = 'submitted' group by source order by source`)
      .then((result) => result.rows as { source: string; n: number }[])
      .finally(() => target.end());
    expect(counts).toEqual([
      // 640 parents, 120 SENCOs and 180 children and young people.
      { source: "demo", n: 940 },
      { source: "web", n: 1 },
    ]);

    const signIn = await fetch(`${app.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.url },
      body: new URLSearchParams({ email: "board@example.org", password: DEMO_PASSWORD }),
    });
    const cookie = signIn.headers.get("set-cookie")!.split(";")[0];
    const csv = await fetch(`${app.url}/board/export.csv?survey=parent-carer-experience&periodType=academic_year`, {
      headers: { Cookie: cookie },
    });
    expect(csv.status).toBe(200);
    const lines = (await csv.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r\n/);
    expect(lines[0].split(",").slice(0, 4)).toEqual(["time_period", "time_identifier", "survey", "kpi_id"]);
    expect(lines.length).toBeGreaterThan(10);
  });
});
