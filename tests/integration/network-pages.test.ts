/**
 * The network's web pages (NB-1) on a real database, through the routes' own loaders and actions
 * with real sessions: a forum admin joins and leaves (confirmed, audited), downloads the counts
 * file the command line prints, byte for byte; only installation operators create forums and
 * import counts files (all or nothing, problems by row and column, a hosted forum's code refused);
 * the board's "Compared with the network" and the network exports and API hold exactly the rows
 * of computeNetworkRows.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSession } from "~/auth/session.server";
import type { DB } from "~/db.server";
import { NETWORK_CSV_COLUMNS, toNetworkCsv, type NetworkRow } from "~/domain/network";
import { COUNTS_FILE_COLUMNS } from "~/domain/network-counts";
import { createApiToken } from "~/models/api-tokens.server";
import { listForumCodes } from "~/models/forum-setup.server";
import { computeNetworkRows } from "~/models/network-counts.server";
import { joinNetwork } from "~/models/network-members.server";
import { grantOperator } from "~/models/operators.server";
import { addMembership, createUser } from "~/models/users.server";
import type { Role } from "../../db/schema";
import { loader as apiLoader } from "~/routes/api.v1.kpis";
import { action as forumsAction, loader as forumsLoader } from "~/routes/admin.forums";
import { action as countsAction, loader as countsLoader } from "~/routes/admin.network-counts";
import { action as networkAction, loader as networkLoader } from "~/routes/admin.network";
import { loader as countsFileLoader } from "~/routes/admin.network[.csv]";
import { loader as boardLoader } from "~/routes/board._index";
import { loader as csvLoader } from "~/routes/board.export[.csv]";
import { loader as xlsxLoader } from "~/routes/board.export[.xlsx]";
import { SAMPLE_PERIOD } from "../support/clock";
import { createTestDb, STORES, type TestDb } from "../support/db";
import { finalPlanAnswers, hostedForum, parentAnswers, sampleMonth, submitMany, TEMPLATE } from "../support/network";

const run = promisify(execFile);
const BASE = "http://forum.test";

type Args = { request: Request; params: Record<string, string>; context: Record<string, never> };
const args = (request: Request): Args => ({ request, params: {}, context: {} });

/** What a route answered: a thrown Response (a refusal or a redirect) is an answer too. */
async function answer(call: () => unknown): Promise<Response | Record<string, unknown>> {
  try {
    return (await call()) as Response | Record<string, unknown>;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function status(call: () => unknown): Promise<number> {
  const result = await answer(call);
  return result instanceof Response ? result.status : 200;
}

function urlOf(t: TestDb): string {
  return t.schema ? `${t.url}?options=${encodeURIComponent(`-c search_path=${t.schema}`)}` : t.url;
}

async function member(db: DB, forumId: string, email: string, role: Role, operator = false): Promise<string> {
  const userId = await createUser(db, { email, password: "a long enough password 2026" });
  await addMembership(db, { userId, forumId, role });
  if (operator) await grantOperator(db, { userId, actor: "test" });
  const setCookie = await createSession(db, new Request(`${BASE}/login`), userId, { mfaPassed: true, forumId });
  return setCookie.split(";")[0];
}

function get(path: string, cookie: string): Request {
  return new Request(`${BASE}${path}`, { headers: { Cookie: cookie } });
}

function post(path: string, cookie: string, fields: Record<string, string>): Request {
  return new Request(`${BASE}${path}`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", Origin: BASE },
    body: new URLSearchParams(fields),
  });
}

function upload(cookie: string, csv: string): Request {
  const form = new FormData();
  form.append("file", new Blob([csv], { type: "text/csv" }), "counts.csv");
  return new Request(`${BASE}/admin/network-counts`, { method: "POST", headers: { Cookie: cookie, Origin: BASE }, body: form });
}

const HEADER = COUNTS_FILE_COLUMNS.join(",");
const countsFile = (...lines: string[]) => [HEADER, ...lines].join("\r\n") + "\r\n";

/** A row of the network CSV as its text cells, as a reader of any export would compare them. */
function textCells(row: NetworkRow): string[] {
  return parse(toNetworkCsv([row]).slice(1))[1] as string[];
}

describe.each(STORES)("the network's pages on $kind", ({ kind, skip }) => {
  let t: TestDb;
  beforeEach(async () => {
    if (skip) return;
    t = await createTestDb(kind);
    (globalThis as { __forumDb?: DB }).__forumDb = t.db;
  });
  afterEach(async () => {
    if (skip) return;
    (globalThis as { __forumDb?: DB }).__forumDb = undefined;
    await t.destroy();
  });

  /**
   * Ash: 10 with a final plan (K1 good) and 2 poor; Birch: 11 neither (K1 0 of 11); Cedar: 12 very
   * good; Dell: 4 good (its K1 suppressed). All four in the network.
   */
  async function smallNetwork() {
    const ash = await hostedForum(t.db, "ash-pcf", "Ash Parent Carer Forum");
    await submitMany(t.db, ash.survey, 10, finalPlanAnswers(), 0);
    await submitMany(t.db, ash.survey, 2, parentAnswers({ overall_experience: "poor" }), 1);
    const birch = await hostedForum(t.db, "birch-pcf", "Birch Parent Carer Forum");
    await submitMany(t.db, birch.survey, 11, parentAnswers({ overall_experience: "neither" }), 0);
    const cedar = await hostedForum(t.db, "cedar-pcf", "Cedar Parent Carer Forum");
    await submitMany(t.db, cedar.survey, 12, parentAnswers({ overall_experience: "very_good" }), 2);
    const dell = await hostedForum(t.db, "dell-pcf", "Dell Parent Carer Forum");
    await submitMany(t.db, dell.survey, 4, parentAnswers({ overall_experience: "good" }), 2);
    for (const code of ["ash-pcf", "birch-pcf", "cedar-pcf", "dell-pcf"]) await joinNetwork(t.db, { code, actor: "test" });
    return { ash, birch, cedar, dell };
  }

  it.skipIf(skip)("a forum admin joins and leaves after confirming, audited, and downloads the command line's counts file", async () => {
    const ash = await hostedForum(t.db, "ash-pcf", "Ash Parent Carer Forum");
    await submitMany(t.db, ash.survey, 11, finalPlanAnswers(), 0);
    const admin = await member(t.db, ash.forum.id, "admin@ash.example.org", "admin");
    const board = await member(t.db, ash.forum.id, "board@ash.example.org", "board");
    const adminId = (await t.db.selectFrom("users").select("id").where("email", "=", "admin@ash.example.org").executeTakeFirstOrThrow()).id;

    const before = (await networkLoader(args(get("/admin/network", admin)))) as { member: boolean; leftOn: string | null };
    expect(before.member).toBe(false);
    expect(await status(() => networkLoader(args(get("/admin/network", board))))).toBe(403);
    expect(await status(() => networkAction(args(post("/admin/network", board, { intent: "join", confirm: "on" }))))).toBe(403);

    // Without the box ticked, nothing happens.
    const unconfirmed = (await networkAction(args(post("/admin/network", admin, { intent: "join" })))) as Response;
    expect(unconfirmed.status).toBe(400);
    expect(((await unconfirmed.json()) as { errors: Record<string, string> }).errors.confirm).toMatch(/Tick the box/);
    expect(await t.db.selectFrom("network_members").select("forum_code").execute()).toEqual([]);

    const joined = (await networkAction(args(post("/admin/network", admin, { intent: "join", confirm: "on" })))) as Response;
    expect(joined.status).toBe(302);
    expect(joined.headers.get("location")).toBe("/admin/network?done=joined");
    expect(((await networkLoader(args(get("/admin/network?done=joined", admin)))) as { member: boolean }).member).toBe(true);

    // The download is the command line's output, byte for byte.
    const download = (await countsFileLoader(args(get("/admin/network.csv", admin)))) as Response;
    expect(download.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const page = Buffer.from(await download.arrayBuffer());
    const cli = await run(process.execPath, ["--import", "tsx", "app/cli/network.ts", "export-counts", "ash-pcf"], {
      env: { ...process.env, DATABASE_URL: urlOf(t) },
      encoding: "buffer",
    });
    expect(page.equals(cli.stdout)).toBe(true);
    const lines = page
      .toString("utf8")
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe(HEADER);
    expect(lines).toContain(`ash-pcf,Ash Parent Carer Forum,${TEMPLATE},${sampleMonth(0)},K1,11,11,0`);

    const left = (await networkAction(args(post("/admin/network", admin, { intent: "leave", confirm: "on" })))) as Response;
    expect(left.headers.get("location")).toBe("/admin/network?done=left");
    const again = (await networkAction(args(post("/admin/network", admin, { intent: "leave", confirm: "on" })))) as Response;
    expect(again.headers.get("location")).toBe("/admin/network?done=unchanged");

    const audits = await t.db
      .selectFrom("audit_log")
      .select(["action", "actor", "forum_id"])
      .where("action", "like", "network.%")
      .orderBy("at")
      .orderBy("action")
      .execute();
    expect(audits.filter((a) => a.actor === adminId).map((a) => a.action)).toEqual([
      "network.joined",
      "network.counts_exported",
      "network.left",
    ]);
    expect(audits.every((a) => a.forum_id === ash.forum.id)).toBe(true);
  });

  it.skipIf(skip)("only installation operators create forums and import counts files; a forum admin is refused", async () => {
    const ash = await hostedForum(t.db, "ash-pcf", "Ash Parent Carer Forum");
    const operator = await member(t.db, ash.forum.id, "operator@ash.example.org", "board", true);
    const admin = await member(t.db, ash.forum.id, "admin@ash.example.org", "admin");

    expect(await status(() => forumsLoader(args(get("/admin/forums", admin))))).toBe(403);
    expect(await status(() => forumsAction(args(post("/admin/forums", admin, { code: "elm-pcf", name: "Elm" }))))).toBe(403);
    expect(await status(() => countsLoader(args(get("/admin/network-counts", admin))))).toBe(403);
    expect(await status(() => countsAction(args(upload(admin, countsFile(`oak-pcf,Oak,${TEMPLATE},${sampleMonth(0)},K1,40,30,5`)))))).toBe(
      403,
    );
    expect(await listForumCodes(t.db)).toHaveLength(1);
    expect(await status(() => forumsLoader(args(get("/admin/forums", operator))))).toBe(200);

    const bad = (await forumsAction(args(post("/admin/forums", operator, { code: "Elm PCF", name: "" })))) as Response;
    expect(bad.status).toBe(400);
    const errors = ((await bad.json()) as { errors: Record<string, string> }).errors;
    expect(Object.keys(errors).sort()).toEqual(["code", "name"]);
    const created = (await forumsAction(
      args(post("/admin/forums", operator, { code: "elm-pcf", name: "Elm Parent Carer Forum" })),
    )) as Response;
    expect(created.headers.get("location")).toBe("/admin/forums?created=elm-pcf");
    expect((await listForumCodes(t.db)).map((f) => f.code)).toEqual(["ash-pcf", "elm-pcf"]);
    const taken = (await forumsAction(args(post("/admin/forums", operator, { code: "elm-pcf", name: "Elm again" })))) as Response;
    expect(taken.status).toBe(400);
    expect(((await taken.json()) as { errors: Record<string, string> }).errors.code).toMatch(/already here/);
    const audit = await t.db.selectFrom("audit_log").select(["actor", "subject"]).where("action", "=", "forum.created").execute();
    expect(audit.filter((a) => a.subject === "elm-pcf").length).toBe(1);
    expect(audit.find((a) => a.subject === "elm-pcf")!.actor).not.toBe("test");

    // All or nothing: a good row and two bad ones store nothing, and each problem names its row and column.
    const good = `oak-pcf,Oak Parent Carer Forum,${TEMPLATE},${sampleMonth(0)},K1,40,30,5`;
    const problems = (await countsAction(
      args(
        upload(
          operator,
          countsFile(
            good,
            `oak-pcf,Oak Parent Carer Forum,${TEMPLATE},${sampleMonth(1)},K1,10,12,0`,
            `oak-pcf,Oak Parent Carer Forum,${TEMPLATE},2026-13,K1,10,2,1`,
          ),
        ),
      ),
    )) as Response;
    expect(problems.status).toBe(400);
    const refused = (await problems.json()) as { problems: { row: number; column: string }[] };
    expect(refused.problems.map((p) => [p.row, p.column])).toEqual([
      [3, "numerator"],
      [4, "month"],
    ]);
    expect(await t.db.selectFrom("network_counts").select("forum_code").execute()).toEqual([]);

    // A file naming a forum hosted here is refused whole, even beside a good row.
    const hosted = (await countsAction(
      args(upload(operator, countsFile(good, `ash-pcf,Ash Parent Carer Forum,${TEMPLATE},${sampleMonth(0)},K1,40,30,5`))),
    )) as Response;
    expect(hosted.status).toBe(400);
    const hostedProblems = (await hosted.json()) as { problems: { row: number; column: string; message: string }[] };
    expect(hostedProblems.problems).toEqual([{ row: 3, column: "forum", message: expect.stringMatching(/hosted in this installation/) }]);
    expect(await t.db.selectFrom("network_counts").select("forum_code").execute()).toEqual([]);

    const imported = (await countsAction(args(upload(operator, countsFile(good))))) as Response;
    expect(imported.status).toBe(302);
    expect(imported.headers.get("location")).toBe("/admin/network-counts?forums=1&rows=1");
    const stored = await t.db.selectFrom("network_counts").select(["forum_code", "n", "numerator"]).execute();
    expect(stored.map((r) => [r.forum_code, Number(r.n), Number(r.numerator)])).toEqual([["oak-pcf", 40, 30]]);
    const importAudit = await t.db.selectFrom("audit_log").select("action").where("subject", "=", "oak-pcf").execute();
    expect(importAudit.map((a) => a.action).sort()).toEqual(["network.counts_imported", "network.joined"]);
  });

  it.skipIf(skip)("npm run staff -- operator grants and withdraws the permission from the command line, audited", async () => {
    const ash = await hostedForum(t.db, "ash-pcf", "Ash Parent Carer Forum");
    await member(t.db, ash.forum.id, "chair@ash.example.org", "admin");
    const staff = async (...words: string[]) => {
      try {
        const { stdout } = await run(process.execPath, ["--import", "tsx", "app/cli/staff.ts", ...words], {
          env: { ...process.env, DATABASE_URL: urlOf(t) },
          encoding: "utf8",
        });
        return { code: 0, out: stdout };
      } catch (error) {
        const e = error as { code: number; stdout: string; stderr: string };
        return { code: e.code, out: e.stdout + e.stderr };
      }
    };
    expect((await staff("operator", "chair@ash.example.org")).out).toContain("is now an installation operator");
    expect((await staff("operators")).out).toContain("chair@ash.example.org");
    expect((await staff("operator", "nobody@ash.example.org")).code).toBe(1);
    expect((await staff("operator", "chair@ash.example.org", "--two-factor")).code).toBe(2);
    expect((await staff("operator", "chair@ash.example.org", "--remove")).out).toContain("no longer an installation operator");
    expect(await t.db.selectFrom("installation_operators").select("user_id").execute()).toEqual([]);
    const audits = await t.db.selectFrom("audit_log").select(["action", "forum_id"]).where("action", "like", "operator.%").execute();
    expect(audits.map((a) => [a.action, a.forum_id ?? "installation"]).sort()).toEqual(
      [
        ["operator.granted", ash.forum.id],
        ["operator.granted", "installation"],
        ["operator.withdrawn", ash.forum.id],
        ["operator.withdrawn", "installation"],
      ].sort(),
    );
  });

  it.skipIf(skip)("the board compares each KPI with the network exactly as computeNetworkRows does", async () => {
    const { ash, dell } = await smallNetwork();
    const board = await member(t.db, ash.forum.id, "board@ash.example.org", "board");
    const dellBoard = await member(t.db, dell.forum.id, "board@dell.example.org", "board");
    const rows = (await computeNetworkRows(t.db, { template: TEMPLATE, periodType: "stocktake" })).filter(
      (r) => r.time_period === SAMPLE_PERIOD,
    );

    type Comparison = {
      kpiId: string;
      network: NetworkRow | null;
      forum: NetworkRow | null;
      position: string | null;
      reason: string | null;
    };
    const view = async (cookie: string) => {
      const response = (await boardLoader(args(get(`/board?periodType=stocktake&period=${SAMPLE_PERIOD}`, cookie)))) as Response;
      const data = (await response.json()) as { network: { status: string; kpis: Comparison[] } };
      return data.network;
    };
    const network = await view(board);
    expect(network.status).toBe("compared");
    for (const k of network.kpis) {
      expect(k.network).toEqual(rows.find((r) => r.kpi_id === k.kpiId && r.segment_type === "all") ?? null);
      expect(k.forum).toEqual(rows.find((r) => r.kpi_id === k.kpiId && r.segment_value === "ash-pcf") ?? null);
    }
    // K1 by hand: 10 + 0 + 12 + 4 = 26 of 12 + 11 + 12 + 4 = 39 positive; Ash 10 of 12 (83%) is
    // within the funnel around 66.7% at n = 12; Dell's 4 are suppressed, and so is one more cell.
    const k1 = network.kpis.find((k) => k.kpiId === "K1")!;
    expect([k1.network!.n, k1.network!.numerator]).toEqual([39, 26]);
    expect([k1.forum!.n, k1.forum!.numerator, k1.position]).toEqual([12, 10, "within"]);
    const dellView = (await view(dellBoard)).kpis.find((k) => k.kpiId === "K1")!;
    expect([dellView.position, dellView.reason]).toEqual([null, "suppressed"]);
    // K6i: only Ash has final plans: fewer than 3 forums, so the network figure is suppressed.
    const k6i = network.kpis.find((k) => k.kpiId === "K6i")!;
    expect([k6i.network!.flag, k6i.position, k6i.reason]).toEqual(["c", null, "too_few_forums"]);

    // A forum that leaves sees no comparison.
    await t.db.updateTable("network_members").set({ left_at: new Date().toISOString() }).where("forum_code", "=", "ash-pcf").execute();
    expect((await view(board)).status).toBe("not_member");
  });

  it.skipIf(skip)("the exports and the API give the network's rows with scope=network, and refuse bad parameters", async () => {
    const { ash } = await smallNetwork();
    const board = await member(t.db, ash.forum.id, "board@ash.example.org", "board");
    const rows = await computeNetworkRows(t.db, { template: TEMPLATE, periodType: "quarter" });
    const query = `survey=${TEMPLATE}&periodType=quarter&scope=network`;

    const csv = (await csvLoader(args(get(`/board/export.csv?${query}`, board)))) as Response;
    expect(csv.status).toBe(200);
    // Compared as bytes: text() would drop the byte order mark.
    expect(Buffer.from(await csv.arrayBuffer()).equals(Buffer.from(toNetworkCsv(rows), "utf8"))).toBe(true);

    const xlsx = (await xlsxLoader(args(get(`/board/export.xlsx?${query}`, board)))) as Response;
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.getWorksheet("network")!;
    const sheetRows: string[][] = [];
    sheet.eachRow((row) =>
      sheetRows.push(
        NETWORK_CSV_COLUMNS.map((_, i) => {
          const value = row.getCell(i + 1).value;
          return value === null || value === undefined
            ? ""
            : typeof value === "number" && !Number.isInteger(value)
              ? value.toFixed(1)
              : String(value);
        }),
      ),
    );
    expect(sheetRows[0]).toEqual([...NETWORK_CSV_COLUMNS]);
    expect(sheetRows.slice(1)).toEqual(rows.map((r) => textCells(r).map((c) => (/^\d+\.0$/.test(c) ? c.slice(0, -2) : c))));

    const token = await createApiToken(t.db, { forumId: ash.forum.id, label: "Council", createdBy: "test" });
    const api = (await apiLoader(
      args(new Request(`${BASE}/api/v1/kpis?${query}`, { headers: { Authorization: `Bearer ${token.token}` } })),
    )) as Response;
    expect(api.status).toBe(200);
    const body = (await api.json()) as { scope: string; cells: Record<string, unknown>[]; method: { columns: string[] } };
    expect(body.scope).toBe("network");
    expect(body.method.columns).toEqual([...NETWORK_CSV_COLUMNS]);
    expect(body.cells).toEqual(rows.map((r) => Object.fromEntries(NETWORK_CSV_COLUMNS.map((c) => [c, r[c]]))));

    const refusals: [string, number, RegExp][] = [
      [`survey=${TEMPLATE}&scope=everyone`, 400, /scope must be forum .* or network/],
      [`survey=${TEMPLATE}&scope=network&by=district`, 400, /by forum only/],
      [`survey=${TEMPLATE}&scope=network&periodType=decade`, 400, /period type must be one of/],
      [`survey=no-such-survey&scope=network`, 404, /no published survey/],
    ];
    for (const [q, code, message] of refusals) {
      const answer = (await csvLoader(args(get(`/board/export.csv?${q}`, board)))) as Response;
      expect([q, answer.status]).toEqual([q, code]);
      expect(await answer.text()).toMatch(message);
      const json = (await apiLoader(
        args(new Request(`${BASE}/api/v1/kpis?${q}`, { headers: { Authorization: `Bearer ${token.token}` } })),
      )) as Response;
      expect([q, json.status]).toEqual([q, code]);
      expect(((await json.json()) as { error: string }).error).toMatch(message);
    }
  });
});
