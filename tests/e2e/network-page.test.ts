import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COUNTS_FILE_COLUMNS } from "~/domain/network-counts";
import { computeNetworkRows, importOutsideCounts } from "~/models/network-counts.server";
import { startApp, type RunningApp } from "../support/app";
import { chromiumPath, expectAccessible, launchBrowser, phoneContext } from "../support/browser";
import { SAMPLE_PERIOD } from "../support/clock";
import { createTestDb, type TestDb } from "../support/db";
import { sampleMonth, TEMPLATE } from "../support/network";

/**
 * Five forums on installations of their own send counts for K1 in the sample half-year: one
 * with 5 answers (suppressed), so the smallest other forum is hidden too (SDC-1 secondary), and
 * three stay on the funnel plot. The page must show exactly the figures computeNetworkRows makes,
 * plot only the published forums, and list the suppressed ones as suppressed.
 */
const FORUMS: [code: string, name: string, n: number, numerator: number][] = [
  ["alder", "Alder Forum", 200, 150],
  ["birch", "Birch Forum", 120, 60],
  ["cedar", "Cedar Forum", 12, 6],
  ["damson", "Damson Forum", 5, 4],
  ["elm", "Elm Forum", 400, 260],
];

function countsFile(): string {
  const lines = FORUMS.map(
    ([code, name, n, numerator]) => `${code},${name},${TEMPLATE},${sampleMonth(1)},K1,${n},${numerator},${n - numerator}`,
  );
  return [COUNTS_FILE_COLUMNS.join(","), ...lines].join("\r\n") + "\r\n";
}

describe.skipIf(!chromiumPath)("the public network page for one KPI", () => {
  let database: TestDb;
  let app: RunningApp;
  let browser: Browser;
  beforeAll(async () => {
    database = await createTestDb("sqlite");
    const outcome = await importOutsideCounts(database.db, { csvText: countsFile(), actor: "test" });
    expect(outcome.ok).toBe(true);
    app = await startApp({ DATABASE_URL: database.url });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await database?.destroy();
  });

  it("shows the network figure, plots published forums only, and lists the suppressed, with JavaScript off", async () => {
    const rows = (await computeNetworkRows(database.db, { template: TEMPLATE, periodType: "stocktake" })).filter(
      (r) => r.kpi_id === "K1" && r.time_period === SAMPLE_PERIOD,
    );
    const network = rows.find((r) => r.segment_type === "all")!;
    expect(network.n).toBe(737);
    const hidden = rows.filter((r) => r.segment_type === "forum" && r.flag === "c").map((r) => r.segment_value);
    expect(hidden).toEqual(["cedar", "damson"]);

    const context = await phoneContext(browser, { javaScript: false });
    const page = await context.newPage();
    const response = await page.goto(`${app.url}/network/${TEMPLATE}/K1?periodType=stocktake&period=${SAMPLE_PERIOD}`);
    expect(response?.status()).toBe(200);
    const figure = await page.getByTestId("network-figure").textContent();
    expect(figure).toContain(`${network.percent!.toFixed(1)}%`);
    expect(figure).toContain(`n = ${network.n}`);

    // Plotted: exactly the forums with a position, each with its code as a label.
    const plotted = await page
      .locator("svg [data-forum]")
      .evaluateAll((els) => els.map((e) => [e.getAttribute("data-forum"), e.getAttribute("data-position")]));
    expect(plotted).toEqual(rows.filter((r) => r.segment_type === "forum" && r.position !== "").map((r) => [r.segment_value, r.position]));
    expect(plotted.map(([code]) => code)).not.toContain("damson");

    // The table: one row per forum by code, limits as published, suppressed ones said so.
    for (const row of rows.filter((r) => r.segment_type === "forum")) {
      const text = await page.locator(`tr[data-forum="${row.segment_value}"]`).textContent();
      if (row.flag === "c") expect(text).toContain("Not shown");
      else {
        expect(text).toContain(`${row.funnel95_lower!.toFixed(1)}% to ${row.funnel95_upper!.toFixed(1)}%`);
        expect(text).toContain(`${row.funnel998_lower!.toFixed(1)}% to ${row.funnel998_upper!.toFixed(1)}%`);
      }
    }
    expect(await page.locator("main").textContent()).toContain("Suppressed, and so not plotted: Cedar Forum, Damson Forum.");
    // A phone at 320 px never scrolls sideways.
    await page.setViewportSize({ width: 320, height: 640 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await context.close();

    const withScript = await phoneContext(browser, { javaScript: true });
    const checked = await withScript.newPage();
    await checked.goto(`${app.url}/network/${TEMPLATE}/K1?periodType=stocktake&period=${SAMPLE_PERIOD}`);
    await expectAccessible(checked);
    await withScript.close();
  });

  it("answers an unknown template or KPI with 404 and a bad period with the latest one, never a 500", async () => {
    expect((await fetch(`${app.url}/network/no-such-template/K1`)).status).toBe(404);
    expect((await fetch(`${app.url}/network/${TEMPLATE}/K99`)).status).toBe(404);
    const fallback = await fetch(`${app.url}/network/${TEMPLATE}/K1?periodType=fortnight&period=%3Cb%3E`);
    expect(fallback.status).toBe(200);
    expect(await fallback.text()).toContain(SAMPLE_PERIOD);
  });

  it("says the network figure is not shown for a KPI no forum answered, and plots nothing", async () => {
    const page = await (await phoneContext(browser, { javaScript: false })).newPage();
    // K6i has no counts: every forum's base is 0, so the network figure and every forum are suppressed.
    await page.goto(`${app.url}/network/${TEMPLATE}/K6i?periodType=stocktake&period=${SAMPLE_PERIOD}`);
    expect(await page.getByTestId("network-figure").textContent()).toContain("The network figure is not shown");
    expect(await page.locator("svg [data-forum]").count()).toBe(0);
    await page.context().close();
  });
});
