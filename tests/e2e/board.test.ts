import fs from "node:fs";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/db.server";
import { TIDY_CSV_COLUMNS } from "~/domain/kpi-cells";
import { DEMO_PASSWORD, startApp, type RunningApp } from "../support/app";
import { insideSamplePeriod, SAMPLE_PERIOD } from "../support/clock";
import { chromiumPath, expectAccessible, launchBrowser, pageLoaded } from "../support/browser";

const LAPTOP = { viewport: { width: 1280, height: 800 }, acceptDownloads: true };
type Row = Record<(typeof TIDY_CSV_COLUMNS)[number], string>;

interface Tile {
  kpi: string;
  percent: string | null;
  interval: string | null;
  n: string | null;
  suppressed: string | null;
  target: string;
}

async function signIn(page: Page, url: string, email: string) {
  await page.goto(`${url}/login`);
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
}

/** The figures as the tiles show them, read from the page's text. */
async function readTiles(page: Page): Promise<Tile[]> {
  return page.locator(".kpi-tile").evaluateAll((tiles) =>
    tiles.map((tile) => {
      const text = (figure: string) => tile.querySelector(`[data-figure="${figure}"]`)?.textContent?.trim() ?? null;
      return {
        kpi: tile.getAttribute("data-kpi") ?? "",
        percent: text("percent"),
        interval: text("interval"),
        n: text("n"),
        suppressed: text("suppressed"),
        target: tile.textContent ?? "",
      };
    }),
  );
}

function csvRows(bytes: Buffer): Row[] {
  const text = bytes.toString("utf8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  return parse(text.slice(1), { columns: true }) as Row[];
}

async function xlsxRows(bytes: Buffer): Promise<Row[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet("data")!;
  const rows: Row[] = [];
  sheet.eachRow((row, index) => {
    if (index === 1) return;
    rows.push(Object.fromEntries(TIDY_CSV_COLUMNS.map((c, i) => [c, row.getCell(i + 1).value])) as Row);
  });
  return rows;
}

async function download(page: Page, linkName: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: linkName }).click()]);
  return fs.readFileSync((await file.path())!);
}

/** Each tile shows exactly its `all` cell for the period: the figure, or the suppression text. */
function expectTilesMatch(
  tiles: Tile[],
  rows: { kpi_id: string; percent: unknown; ci_lower: unknown; ci_upper: unknown; n: unknown; flag: unknown }[],
) {
  const show = (v: unknown) => (v === null || v === "" ? "" : Number(v).toFixed(1));
  for (const tile of tiles) {
    const row = rows.find((r) => r.kpi_id === tile.kpi);
    expect(row, `a row for ${tile.kpi}`).toBeDefined();
    if (row!.flag === "c") {
      expect(tile.suppressed).toBe("Fewer than 10 responses: not shown");
      expect(tile.percent).toBeNull();
      expect(row!.percent === "" || row!.percent === null).toBe(true);
    } else {
      expect(tile.percent, tile.kpi).toBe(`${show(row!.percent)}%`);
      expect(tile.interval, tile.kpi).toBe(`${show(row!.ci_lower)}% to ${show(row!.ci_upper)}%`);
      expect(tile.n, tile.kpi).toBe(String(row!.n));
    }
  }
}

function apiCellsAsCsv(cells: Record<string, unknown>[]): string[][] {
  const oneDecimal = new Set(["percent", "ci_lower", "ci_upper", "percent_negative"]);
  return cells.map((c) =>
    TIDY_CSV_COLUMNS.map((col) => (c[col] === null ? "" : oneDecimal.has(col) ? (c[col] as number).toFixed(1) : String(c[col]))),
  );
}

describe.skipIf(!chromiumPath)("the board dashboard, its exports, the API and the admin import", () => {
  let app: RunningApp;
  let browser: Browser;
  let parentSurveyId = "";
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    app = await startApp({ SEED_SAMPLE_RESPONSES: "1" });
    browser = await launchBrowser();
    const db = openDatabase(app.databaseUrl);
    parentSurveyId = (await db.selectFrom("surveys").select("id").where("slug", "=", "parent-carer-experience").executeTakeFirstOrThrow())
      .id;
    await db.destroy();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.stop();
  });

  async function laptop(email: string): Promise<Page> {
    const context = await browser.newContext(LAPTOP);
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, app.url, email);
    return page;
  }

  /** A KPI's n in SAMPLE_PERIOD as its tile shows it; null when the tile shows it suppressed, never 0. */
  async function kpiN(page: Page, kpi: string): Promise<number | null> {
    await page.goto(`${app.url}/board?period=${SAMPLE_PERIOD}`);
    const tile = (await readTiles(page)).find((t) => t.kpi === kpi)!;
    if (tile.suppressed !== null) return null;
    expect(tile.n, `${kpi}'s n`).toMatch(/^\d+$/);
    return Number(tile.n);
  }

  it(
    "the board user opens the dashboard, downloads CSV and XLSX, and the figures in both equal the tiles",
    { timeout: 240_000 },
    async () => {
      const board = await laptop("board@example.org");
      await board.goto(`${app.url}/board`);
      const heading = (await board.locator("#latest").textContent()) ?? "";
      const period = /: (\d{4}-H[12])$/.exec(heading.trim())?.[1];
      // The sample responses end with SAMPLE_PERIOD, the latest half-year with figures to publish.
      expect(period).toBe(SAMPLE_PERIOD);
      const tiles = await readTiles(board);
      expect(tiles.map((t) => t.kpi)).toContain("K1");
      // The demo data give both published and suppressed tiles, so both paths are compared.
      expect(tiles.some((t) => t.percent !== null)).toBe(true);
      expect(tiles.some((t) => t.suppressed !== null)).toBe(true);

      const csv = csvRows(await download(board, "Download these figures as CSV"));
      expect(Object.keys(csv[0])).toEqual([...TIDY_CSV_COLUMNS]);
      const latestCsv = csv.filter((r) => r.segment_type === "all" && r.time_period === period);
      expect(csv.at(-1)!.time_period).toBe(period);
      expectTilesMatch(tiles, latestCsv);

      const xlsx = await xlsxRows(await download(board, "Download these figures as XLSX (with a metadata sheet)"));
      expect(xlsx.length).toBe(csv.length);
      expectTilesMatch(
        tiles,
        xlsx.filter((r) => r.segment_type === "all" && r.time_period === period),
      );

      // A breakdown, and the pack, pass the accessibility checks; the breakdown shows "c" where suppressed.
      await board.goto(`${app.url}/board?survey=parent-carer-experience&periodType=stocktake&by=district`);
      expect(await board.locator("table caption", { hasText: "by district" }).count()).toBe(tiles.length);
      expect(await board.locator('svg[role="img"][aria-labelledby]').count()).toBe(tiles.length);
      // Each chart is labelled by a sentence ending at the tile's figure (when it is published).
      for (const tile of tiles.filter((t) => t.percent !== null)) {
        const summary = await board.locator(`#trend-${tile.kpi}-summary`).textContent();
        expect(summary).toContain(`${tile.percent} in ${period}`);
      }
      await expectAccessible(board);
      await board.goto(`${app.url}/board/pack?survey=parent-carer-experience&periodType=stocktake&by=age_phase`);
      expect(await board.locator("h2", { hasText: "KPI definitions and versions" }).count()).toBe(1);
      await expectAccessible(board);
    },
  );

  it("the board user cannot open admin pages or the raw responses", { timeout: 120_000 }, async () => {
    const board = await laptop("board@example.org");
    expect((await board.goto(`${app.url}/admin/surveys`))?.status()).toBe(403);
    expect((await board.request.get(`${app.url}/admin/surveys/${parentSurveyId}/responses.csv`)).status()).toBe(403);
    expect((await board.request.get(`${app.url}/admin/surveys/${parentSurveyId}/import`)).status()).toBe(403);
    expect((await board.request.get(`${app.url}/admin/kpis`)).status()).toBe(403);
    expect((await board.request.get(`${app.url}/admin/api-tokens`)).status()).toBe(403);
    // The board's own downloads, for the audit log below.
    expect((await board.request.get(`${app.url}/board/export.csv?survey=parent-carer-experience`)).status()).toBe(200);
    expect((await board.request.get(`${app.url}/board/export.xlsx?survey=parent-carer-experience`)).status()).toBe(200);
    // The admin can, and the export has one numbered row per response.
    const admin = await laptop("admin@example.org");
    const raw = await admin.request.get(`${app.url}/admin/surveys/${parentSurveyId}/responses.csv`);
    expect(raw.status()).toBe(200);
    const rows = parse((await raw.text()).replace(/^\uFEFF/, ""), { columns: true }) as Record<string, string>[];
    expect(rows[0].row_number).toBe("1");
    expect(rows.length).toBeGreaterThan(100);

    // Every export is in the audit log: the board's downloads above and this one.
    await admin.goto(`${app.url}/admin/audit?action=kpis.exported`);
    const kpiExports = (await admin.locator("table.table tbody").textContent()) ?? "";
    expect(kpiExports).toContain("format: csv");
    expect(kpiExports).toContain("format: xlsx");
    await admin.goto(`${app.url}/admin/audit?action=responses.exported`);
    expect(await admin.locator("table.table tbody tr").count()).toBe(1);
  });

  it("an admin sets a target in the KPI register and the dashboard rates against it", { timeout: 180_000 }, async () => {
    const admin = await laptop("admin@example.org");
    await admin.goto(`${app.url}/admin/kpis`);
    await expectAccessible(admin);
    await admin.locator("#target-K1").fill("ninety");
    await admin.getByRole("button", { name: "Set target for K1", exact: true }).click();
    expect(await admin.locator(".error-summary").textContent()).toContain("Enter the target as a percentage");
    await admin.locator("#target-K1").fill("90");
    await admin.getByRole("button", { name: "Set target for K1", exact: true }).click();
    expect(await admin.locator(".notification").textContent()).toContain("Target for K1 set to 90.0%");
    expect(await admin.getByTestId("target-K1").textContent()).toBe("90.0%");

    await admin.goto(`${app.url}/board?period=${SAMPLE_PERIOD}`);
    const k1 = (await readTiles(admin)).find((t) => t.kpi === "K1")!;
    // The demo K1 figure is far below 90%, with an interval that does not reach it.
    expect(k1.target).toContain("Target 90.0%: Red: the whole interval is below the target");

    await admin.goto(`${app.url}/admin/kpis`);
    await admin.getByRole("button", { name: "Clear target for K1", exact: true }).click();
    expect(await admin.locator(".notification").textContent()).toContain("Target for K1 cleared");
    expect(await admin.getByTestId("target-K1").textContent()).toBe("None");
  });

  it("an admin adds a KPI of the same shape and changes one, which starts a new version", { timeout: 180_000 }, async () => {
    const admin = await laptop("admin@example.org");
    await admin.goto(`${app.url}/admin/kpis`);
    await admin.locator("#question").selectOption("listened_to");
    await admin.getByRole("button", { name: "Choose this question" }).click();
    expect(await admin.locator("#id").inputValue()).toBe("K15");
    await admin.locator("#name").fill("Strongly felt listened to");
    // The same option ticked as positive and negative is refused, with the ticks kept.
    await admin.locator("#positive").check();
    await admin.locator("#negative").check();
    await admin.getByRole("button", { name: "Add the KPI" }).click();
    expect(await admin.locator(".error-summary").textContent()).toContain("An option cannot be both positive and negative: strongly_agree");
    expect(await admin.locator("#positive").isChecked()).toBe(true);
    await pageLoaded(admin);
    await expectAccessible(admin);
    await admin.locator("#negative").uncheck();
    await admin.locator("#negative-5").check();
    await admin.locator("#excluded-6").check();
    await admin.getByRole("button", { name: "Add the KPI" }).click();
    expect(await admin.locator(".notification").textContent()).toContain("K15 added to the register");

    // Changing K2's positive options keeps version 1 in the history and starts version 2.
    await admin.getByRole("link", { name: "Change the definition of K2", exact: true }).click();
    expect(await admin.locator("#positive-2").isChecked()).toBe(true);
    await admin.locator("#positive-2").uncheck();
    await admin.getByRole("button", { name: "Save as a new version" }).click();
    expect(await admin.locator(".notification").textContent()).toContain("K2 changed: version 2 starts");
    await pageLoaded(admin);
    const versions = await admin
      .locator("table", { has: admin.locator("caption", { hasText: /^Versions of K2$/ }) })
      .locator("tbody tr")
      .allTextContents();
    expect(versions).toHaveLength(2);
    expect(versions[1]).toContain("2 (current)");

    // The board sees the new KPI.
    await admin.goto(`${app.url}/board`);
    const tiles = await readTiles(admin);
    expect(tiles.map((t) => t.kpi)).toContain("K15");
  });

  it("an admin imports paper forms through the page, and a bad file stores nothing", { timeout: 240_000 }, async () => {
    const admin = await laptop("admin@example.org");
    const before = await kpiN(admin, "K1");
    // A full half-year of sample answers: K1 is published there.
    expect(before).not.toBeNull();
    const at = insideSamplePeriod().toISOString();
    const header =
      "submitted_at,overall_experience,listened_to,confidence_needs_met,ehcp_stage,finding_information,feedback_leads_to_change";
    const rows = Array.from(
      { length: 12 },
      (_, i) => `${at},${i % 2 ? "good" : "Very poor"},agree,fairly,sen_support,fairly_easy,yes_some`,
    );

    await admin.goto(`${app.url}/admin/surveys/${parentSurveyId}/import`);
    await admin
      .locator("#file")
      .setInputFiles({ name: "coffee-morning.csv", mimeType: "text/csv", buffer: Buffer.from([header, ...rows].join("\r\n")) });
    await admin.getByRole("button", { name: "Upload and import" }).click();
    expect(new URL(admin.url()).searchParams.get("job")).toBeTruthy();
    // Without JavaScript's help the page refreshes itself until the job is done.
    await admin.getByTestId("import-done").waitFor({ timeout: 60_000 });
    expect(await admin.getByTestId("import-done").textContent()).toContain("Imported 12 responses");
    const progress = admin.locator("progress#import-progress");
    expect(await progress.getAttribute("value")).toBe("12");
    expect(await progress.getAttribute("max")).toBe("12");
    expect(await kpiN(admin, "K1")).toBe(before! + 12);

    // A file with a wrong answer and a missing required answer: every problem listed, nothing stored.
    const bad = [
      header,
      `${at},brilliant,agree,fairly,sen_support,fairly_easy,yes_some`,
      `${at},good,,fairly,sen_support,fairly_easy,yes_some`,
      ...rows,
    ].join("\r\n");
    await admin.goto(`${app.url}/admin/surveys/${parentSurveyId}/import`);
    await admin.locator("#file").setInputFiles({ name: "typos.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
    await admin.getByRole("button", { name: "Upload and import" }).click();
    await admin.getByTestId("import-problems").waitFor({ timeout: 60_000 });
    await pageLoaded(admin);
    const problems = await admin
      .getByTestId("import-problems")
      .locator("tbody tr")
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent?.trim() ?? "")));
    expect(problems).toContainEqual(expect.arrayContaining(["2", "overall_experience"]));
    expect(problems).toContainEqual(expect.arrayContaining(["3", "listened_to"]));
    expect(await admin.locator(".error-summary").first().textContent()).toContain("nothing was stored");
    await expectAccessible(admin);
    expect(await kpiN(admin, "K1")).toBe(before! + 12);
  });

  it("the API returns the CSV's cells with a token, and 401 once the token is revoked", { timeout: 180_000 }, async () => {
    const admin = await laptop("admin@example.org");
    await admin.goto(`${app.url}/admin/api-tokens`);
    await admin.locator("#label").fill("Council reporting");
    await admin.getByRole("button", { name: "Create token" }).click();
    const token = ((await admin.getByTestId("new-token").textContent()) ?? "").trim();
    expect(token).toMatch(/^pcfkpi_/);
    await pageLoaded(admin);
    await expectAccessible(admin);

    const query = "survey=parent-carer-experience&periodType=quarter&by=district";
    const api = await fetch(`${app.url}/api/v1/kpis?${query}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(api.status).toBe(200);
    const body = (await api.json()) as { cells: Record<string, unknown>[]; periodType: string };
    expect(body.periodType).toBe("quarter");
    const csv = await admin.request.get(`${app.url}/board/export.csv?${query}`);
    const rows = parse((await csv.text()).replace(/^\uFEFF/, "")) as string[][];
    expect(apiCellsAsCsv(body.cells)).toEqual(rows.slice(1));
    expect(body.cells.length).toBeGreaterThan(50);

    expect(
      (await fetch(`${app.url}/api/v1/kpis?survey=parent-carer-experience&by=shoe_size`, { headers: { Authorization: `Bearer ${token}` } }))
        .status,
    ).toBe(400);
    await admin.goto(`${app.url}/admin/api-tokens`);
    expect(await admin.getByTestId("new-token").count()).toBe(0);
    await admin.getByRole("button", { name: "Revoke the token “Council reporting”" }).click();
    expect(await admin.locator(".notification").textContent()).toContain("Token revoked");
    expect((await fetch(`${app.url}/api/v1/kpis?${query}`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(401);
  });
});
