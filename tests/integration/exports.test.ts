import { createHash } from "node:crypto";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db.server";
import { TIDY_CSV_COLUMNS } from "~/domain/kpi-cells";
import type { Answers } from "~/domain/routing";
import type { SurveyDefinition } from "~/domain/survey";
import { METHOD_VERSION, SDC_RULE_TEXT } from "~/domain/xlsx-metadata";
import { authenticateApiToken, createApiToken, listApiTokens, revokeApiToken } from "~/models/api-tokens.server";
import { boardFigures, findForumSurvey, surveyKpiMetadata } from "~/models/board.server";
import { saveKpiDefinition, setKpiTarget } from "~/models/kpi-register.server";
import { collectKpiCells, kpiWorkbook, resolveKpiExport, tidyCsvStream, type KpiExportRequest } from "~/models/kpi-export.server";
import { approveItem, redactItem, rejectItem } from "~/models/moderation-decisions.server";
import { ensureQueued } from "~/models/moderation-queue.server";
import { rawResponsesCsv } from "~/models/raw-export.server";
import { loader as apiLoader } from "~/routes/api.v1.kpis";
import { parentCarerExperience } from "~/templates";
import { forumWithSurvey, minimalParentAnswers, submitAnswers } from "../factories";
import { createTestDb, STORES, type TestDb } from "../support/db";

type Survey = Awaited<ReturnType<typeof forumWithSurvey>>["survey"];

const DISTRICTS = ["yardley", "ladywood", "northfield"];
const OVERALL = ["very_good", "good", "neither", "poor", "very_poor", "dont_know"];
const LISTENED = ["strongly_agree", "agree", "neither", "disagree", "not_applicable"];

/** Parents in two stocktake half-years, varied enough that cells differ, some suppressed and some flagged u. */
async function answerTwoPeriods(db: DB, survey: Survey) {
  const plan: [string, number][] = [
    ["2026-03-10T11:00:00Z", 14],
    ["2026-07-15T11:00:00Z", 23],
  ];
  let i = 0;
  for (const [at, count] of plan) {
    for (let k = 0; k < count; k++, i++) {
      const answers: Answers = {
        ...minimalParentAnswers(),
        overall_experience: { kind: "options", codes: [OVERALL[i % OVERALL.length]] },
        listened_to: { kind: "options", codes: [LISTENED[(i * 3) % LISTENED.length]] },
      };
      // Every fourth parent skips the district question: the `unknown` row.
      if (i % 4 !== 3) answers.district = { kind: "options", codes: [DISTRICTS[i % DISTRICTS.length]] };
      await submitAnswers(db, survey, answers, new Date(at));
    }
  }
}

/** The bytes as sent, byte order mark included (Response.text() would drop it). */
async function readStream(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
}

async function exportRequest(db: DB, forumId: string, query: string): Promise<KpiExportRequest> {
  const resolved = await resolveKpiExport(db, forumId, new URLSearchParams(query));
  if (!resolved.ok) throw new Error(resolved.message);
  return resolved.request;
}

function apiRequest(query: string, token?: string) {
  const request = new Request(`http://forum.test/api/v1/kpis?${query}`, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  return apiLoader({ request, params: {}, context: {} } as Parameters<typeof apiLoader>[0]);
}

describe.each(STORES)("KPI exports, API tokens and the raw export on $kind", ({ kind, skip }) => {
  let t: TestDb;
  beforeEach(async () => {
    if (skip) return;
    t = await createTestDb(kind);
    // The API route reads the process's database; point it at this test's.
    (globalThis as { __forumDb?: DB }).__forumDb = t.db;
  });
  afterEach(async () => {
    if (skip) return;
    (globalThis as { __forumDb?: DB }).__forumDb = undefined;
    await t.destroy();
  });

  it.skipIf(skip)("the XLSX data sheet holds exactly the CSV's cells, numbers as numbers", async () => {
    const { survey } = await forumWithSurvey(t.db);
    await answerTwoPeriods(t.db, survey);
    await setKpiTarget(t.db, survey.forumId, "K1", 40);
    // A forum's own KPI whose name looks like a formula: it must stay text in both files.
    await saveKpiDefinition(t.db, survey.forumId, {
      id: "K15",
      name: '=HYPERLINK("http://example.invalid","Felt heard")',
      question: "listened_to",
      positive: ["strongly_agree"],
      negative: ["disagree"],
      excluded: ["not_applicable"],
    });
    const request = await exportRequest(t.db, survey.forumId, "survey=parent-carer-experience&periodType=stocktake&by=district");
    const csvText = await readStream(await tidyCsvStream(t.db, request));
    expect(csvText.startsWith("\uFEFF")).toBe(true);
    const csvRows: string[][] = parse(csvText.slice(1), { relax_column_count: false });
    expect(csvRows[0]).toEqual([...TIDY_CSV_COLUMNS]);

    const cells = await collectKpiCells(t.db, request);
    const kpis = await surveyKpiMetadata(t.db, survey.forumId, request.survey);
    const bytes = await kpiWorkbook(cells, { request, kpis, generatedAt: new Date("2026-11-23T10:00:00Z") });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const data = workbook.getWorksheet("data")!;
    const sheetRows: ExcelJS.CellValue[][] = [];
    data.eachRow({ includeEmpty: false }, (row) => {
      sheetRows.push(TIDY_CSV_COLUMNS.map((_, i) => row.getCell(i + 1).value));
    });
    expect(sheetRows[0]).toEqual([...TIDY_CSV_COLUMNS]);
    expect(sheetRows.length).toBe(csvRows.length);
    expect(csvRows.length).toBeGreaterThan(20);

    const numeric = new Set(["n", "numerator", "percent", "ci_lower", "ci_upper", "percent_negative", "target"]);
    let suppressed = 0;
    let published = 0;
    for (let r = 1; r < csvRows.length; r++) {
      TIDY_CSV_COLUMNS.forEach((column, c) => {
        const csv = csvRows[r][c];
        const xlsx = sheetRows[r][c];
        if (csv === "") expect(xlsx, `${column} row ${r}`).toBeNull();
        else if (numeric.has(column)) {
          expect(typeof xlsx, `${column} row ${r}`).toBe("number");
          expect(xlsx).toBe(Number(csv));
        } else {
          // The CSV guards formula-like text with an apostrophe; the sheet keeps it as a string cell.
          expect(typeof xlsx, `${column} row ${r}`).toBe("string");
          expect(csv).toBe(/^[=+\-@]/.test(xlsx as string) ? `'${xlsx}` : xlsx);
        }
      });
      if (csvRows[r][13] === "c") suppressed++;
      else if (csvRows[r][9] !== "") published++;
    }
    // The data are there to compare: some cells published, some suppressed by SDC-1.
    expect(published).toBeGreaterThan(5);
    expect(suppressed).toBeGreaterThan(5);
    const hyperlinkRow = csvRows.find((row) => row[3] === "K15")!;
    expect(hyperlinkRow[4].startsWith("'=HYPERLINK")).toBe(true);
    const formulaCells: string[] = [];
    data.eachRow((row) => row.eachCell((cell) => cell.type === ExcelJS.ValueType.Formula && formulaCells.push(String(cell.address))));
    expect(formulaCells).toEqual([]);
    // The target is in both, and the K1 rows carry it.
    expect(csvRows.filter((row) => row[3] === "K1").every((row) => row[14] === "40")).toBe(true);
  });

  it.skipIf(skip)("the metadata sheet lists every KPI with its wording, scale, options and version", async () => {
    const { survey } = await forumWithSurvey(t.db);
    await answerTwoPeriods(t.db, survey);
    // K2 redefined: version 2 must be what the metadata says.
    await saveKpiDefinition(t.db, survey.forumId, {
      id: "K2",
      name: "Felt listened to",
      question: "listened_to",
      positive: ["strongly_agree"],
      negative: ["disagree", "strongly_disagree"],
      excluded: ["not_applicable"],
    });
    const request = await exportRequest(t.db, survey.forumId, "survey=parent-carer-experience&periodType=every&by=every");
    const cells = await collectKpiCells(t.db, request);
    const kpis = await surveyKpiMetadata(t.db, survey.forumId, request.survey);
    const generatedAt = new Date("2026-11-23T10:00:00Z");
    const bytes = await kpiWorkbook(cells, { request, kpis, generatedAt });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const meta = workbook.getWorksheet("metadata")!;
    const rows: string[][] = [];
    meta.eachRow((row) =>
      rows.push((row.values as ExcelJS.CellValue[]).slice(1).map((v) => (v === null || v === undefined ? "" : String(v)))),
    );
    const about = new Map(rows.filter((r) => r.length >= 2 && r[0] && !r[0].startsWith("kpi_")).map((r) => [r[0], r[1]]));
    expect(about.get("method_version")).toBe(METHOD_VERSION);
    expect(about.get("methodology")).toBe("/methodology");
    expect(about.get("sdc_rule")).toBe(SDC_RULE_TEXT);
    expect(about.get("generated_at")).toBe(generatedAt.toISOString());
    const headerAt = rows.findIndex((r) => r[0] === "kpi_id");
    const header = rows[headerAt];
    const kpiRows = rows.slice(headerAt + 1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""])));
    // Every KPI that appears in the data appears in the metadata, and nothing else.
    const inData = [...new Set(cells.map((c) => c.kpi_id))].sort();
    expect(kpiRows.map((r) => r.kpi_id).sort()).toEqual(inData);
    expect(inData).toContain("K6i");
    const k2 = kpiRows.find((r) => r.kpi_id === "K2")!;
    expect(k2.kpi_version).toBe("2");
    expect(k2.positive).toBe("strongly_agree");
    expect(k2.excluded).toBe("not_applicable");
    const listened = parentCarerExperience.questions.find((q) => q.code === "listened_to")!;
    expect(k2.question_wording).toBe(listened.title.en);
    expect(k2.scale).toBe(listened.options!.map((o) => o.code).join(", "));
    // Every cell of a KPI in the data carries the version the metadata names.
    expect(cells.filter((c) => c.kpi_id === "K2").every((c) => c.kpi_version === 2)).toBe(true);
  });

  it.skipIf(skip)("API tokens are stored as hashes, stop working when revoked and read only their own forum", async () => {
    const a = await forumWithSurvey(t.db);
    const b = await forumWithSurvey(t.db);
    await answerTwoPeriods(t.db, b.survey);
    const issued = await createApiToken(t.db, { forumId: a.forum.id, label: "Council dashboard", createdBy: "admin-of-a" });

    // Only the hash is stored.
    const stored = await t.db.selectFrom("api_tokens").selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(issued.token);
    expect(stored[0].token_hash).toBe(createHash("sha256").update(issued.token).digest("hex"));

    // Forum B's survey has the same short name as A's: A's token reads A's, which has no responses.
    const own = await apiRequest("survey=parent-carer-experience&periodType=stocktake", issued.token);
    expect(own.status).toBe(200);
    const body = (await own.json()) as { survey: string; cells: unknown[] };
    expect(body.survey).toBe("parent-carer-experience");
    expect(body.cells).toEqual([]);
    // B's survey by its public id is not found with A's token; B's own token reads it.
    expect((await apiRequest(`survey=${b.survey.publicId}`, issued.token)).status).toBe(404);
    const tokenB = await createApiToken(t.db, { forumId: b.forum.id, label: "B", createdBy: "admin-of-b" });
    const theirs = (await (await apiRequest(`survey=${b.survey.publicId}&by=district`, tokenB.token)).json()) as {
      cells: Record<string, unknown>[];
    };
    const request = await exportRequest(t.db, b.forum.id, "survey=parent-carer-experience&by=district");
    const csvRows: string[][] = parse((await readStream(await tidyCsvStream(t.db, request))).slice(1));
    // Same cells as the CSV, column for column.
    expect(
      theirs.cells.map((c) =>
        TIDY_CSV_COLUMNS.map((col) =>
          c[col] === null
            ? ""
            : typeof c[col] === "number" && ["percent", "ci_lower", "ci_upper", "percent_negative"].includes(col)
              ? (c[col] as number).toFixed(1)
              : String(c[col]),
        ),
      ),
    ).toEqual(csvRows.slice(1));

    // The API's reads are in forum B's audit log, attributed to the token, never to A's.
    const audits = await t.db
      .selectFrom("audit_log")
      .select(["forum_id", "actor", "detail"])
      .where("action", "=", "kpis.exported")
      .execute();
    expect(audits).toHaveLength(2);
    expect(audits.map((a) => [a.forum_id, a.actor])).toEqual(
      expect.arrayContaining([
        [a.forum.id, `api_token:${issued.id}`],
        [b.forum.id, `api_token:${tokenB.id}`],
      ]),
    );
    expect(JSON.parse(audits.find((x) => x.forum_id === b.forum.id)!.detail!)).toMatchObject({ format: "json", by: "district" });

    // Bad parameters are 400 with a reason; no token or a made-up one is 401.
    const bad = await apiRequest("survey=parent-carer-experience&by=shoe_size", issued.token);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain("shoe_size");
    expect((await apiRequest("survey=parent-carer-experience&periodType=decade", issued.token)).status).toBe(400);
    expect((await apiRequest("survey=parent-carer-experience")).status).toBe(401);
    expect((await apiRequest("survey=parent-carer-experience", `${issued.token.slice(0, -2)}xx`)).status).toBe(401);

    // Last used is recorded; revoking from another forum does nothing; revoking from its own ends it.
    expect((await listApiTokens(t.db, a.forum.id))[0].lastUsedAt).not.toBeNull();
    expect(await revokeApiToken(t.db, { forumId: b.forum.id, tokenId: issued.id, revokedBy: "admin-of-b" })).toBe(false);
    expect(await authenticateApiToken(t.db, issued.token)).toEqual({ tokenId: issued.id, forumId: a.forum.id });
    expect(await revokeApiToken(t.db, { forumId: a.forum.id, tokenId: issued.id, revokedBy: "admin-of-a" })).toBe(true);
    expect(await authenticateApiToken(t.db, issued.token)).toBeUndefined();
    expect((await apiRequest("survey=parent-carer-experience", issued.token)).status).toBe(401);
    expect((await listApiTokens(t.db, a.forum.id))[0].revokedAt).not.toBeNull();
  });

  it.skipIf(skip)("the raw export holds moderated text only, unless the originals are asked for, and never contact details", async () => {
    const withChoices: SurveyDefinition = {
      ...parentCarerExperience,
      questions: [
        ...parentCarerExperience.questions,
        {
          code: "support_used",
          type: "multiple_choice",
          role: "other",
          required: false,
          title: { en: "Which support have you used?" },
          options: [
            { code: "local_offer", label: { en: "The Local Offer" } },
            { code: "sendiass", label: { en: "SENDIASS" } },
            { code: "forum_events", label: { en: "Forum events" } },
          ],
        },
      ],
    };
    const { survey } = await forumWithSurvey(t.db, withChoices);
    const texts = {
      approved: "=cmd|' /C calc'!A0 we need a key worker",
      redacted: "Mrs Patel at Oakfield School never rings back",
      rejected: "This answer was rejected by a moderator",
      pending: "This answer is still waiting for moderation",
    };
    const ids: Record<string, string> = {};
    for (const [state, text] of Object.entries(texts)) {
      const answers: Answers = {
        ...minimalParentAnswers(),
        what_would_help: { kind: "text", text },
        support_used: { kind: "options", codes: ["local_offer", "forum_events"] },
      };
      ids[state] = (await submitAnswers(t.db, survey, answers, new Date("2026-05-02T09:00:00Z"))).responseId;
    }
    // A follow-up contact stored apart from the answers.
    await t.db
      .insertInto("follow_up_contacts")
      .values({
        id: "contact-1",
        forum_id: survey.forumId,
        response_id: ids.approved,
        name: "Contact Person",
        contact: "07700 900123",
        created_at: new Date().toISOString(),
      })
      .execute();
    await ensureQueued(t.db, survey.forumId);
    const items = await t.db.selectFrom("moderation_items").select(["id", "response_id"]).where("forum_id", "=", survey.forumId).execute();
    const item = (state: string) => items.find((i) => i.response_id === ids[state])!.id;
    const actor = { forumId: survey.forumId, role: "admin" as const, safeguardingLead: true, user: { id: "admin-user" } };
    expect(await approveItem(t.db, actor, item("approved"))).toBe("approved");
    expect(await redactItem(t.db, actor, item("redacted"), "[name] at [school] never rings back")).toBe("redacted");
    expect(await approveItem(t.db, actor, item("redacted"))).toBe("approved");
    expect(await rejectItem(t.db, actor, item("rejected"))).toBe(true);

    const read = async (includeOriginals: boolean) => {
      const chunks = await rawResponsesCsv(t.db, { forumId: survey.forumId, surveyId: survey.id, includeOriginals });
      let text = "";
      for await (const chunk of chunks!) text += chunk;
      return text;
    };
    const moderated = await read(false);
    expect(moderated.startsWith("\uFEFF")).toBe(true);
    const rows: Record<string, string>[] = parse(moderated.slice(1), { columns: true });
    expect(rows.map((r) => r.row_number)).toEqual(["1", "2", "3", "4"]);
    expect(Object.keys(rows[0]).slice(0, 4)).toEqual(["row_number", "submitted_at", "language", "respondent_role"]);
    const helps = rows.map((r) => r.what_would_help);
    expect(helps).toContain(`'${texts.approved}`);
    expect(helps).toContain("[name] at [school] never rings back");
    expect(moderated).not.toContain("Oakfield");
    expect(moderated).not.toContain(texts.rejected);
    expect(moderated).not.toContain(texts.pending);
    expect(rows.every((r) => r.support_used === "local_offer;forum_events")).toBe(true);
    expect(rows.every((r) => r.overall_experience === "good")).toBe(true);

    const originals = await read(true);
    for (const text of [texts.redacted, texts.rejected, texts.pending]) expect(originals).toContain(text);
    expect(originals).toContain(`'${texts.approved}`);

    for (const output of [moderated, originals]) {
      for (const id of Object.values(ids)) expect(output).not.toContain(id);
      expect(output).not.toContain("07700 900123");
      expect(output).not.toContain("Contact Person");
    }
    // Another forum cannot export this survey.
    const other = await forumWithSurvey(t.db);
    expect(await rawResponsesCsv(t.db, { forumId: other.forum.id, surveyId: survey.id, includeOriginals: true })).toBeUndefined();
  });

  it.skipIf(skip)("a survey with no responses has no period and no figures: the dashboard's empty state", async () => {
    const { survey, forum } = await forumWithSurvey(t.db);
    const found = (await findForumSurvey(t.db, forum.id, survey.publicId))!;
    const figures = await boardFigures(t.db, { forumId: forum.id, survey: found, periodType: "stocktake", by: "district" });
    expect(figures.period).toBeNull();
    expect(figures.kpis.length).toBeGreaterThan(0);
    expect(figures.kpis.every((k) => k.latest === null && k.trend.length === 0 && k.breakdown.length === 0)).toBe(true);
  });

  it.skipIf(skip)("an export of a survey of another forum, or a breakdown the survey lacks, is refused", async () => {
    const a = await forumWithSurvey(t.db);
    const b = await forumWithSurvey(t.db);
    expect(await findForumSurvey(t.db, a.forum.id, b.survey.publicId)).toBeUndefined();
    const wrongForum = await resolveKpiExport(t.db, a.forum.id, new URLSearchParams(`survey=${b.survey.publicId}`));
    expect(wrongForum).toMatchObject({ ok: false, status: 404 });
    const wrongSegment = await resolveKpiExport(
      t.db,
      a.forum.id,
      new URLSearchParams("survey=parent-carer-experience&by=district,shoe_size"),
    );
    expect(wrongSegment).toMatchObject({ ok: false, status: 400 });
    const noSurvey = await resolveKpiExport(t.db, a.forum.id, new URLSearchParams("periodType=quarter"));
    expect(noSurvey).toMatchObject({ ok: false, status: 400 });
  });
});
