/**
 * The KPI exports: tidy CSV (streamed), XLSX (a data sheet and a metadata sheet) and the API's
 * JSON. All three take their cells from exportKpiCells, so the same request gives the same cells
 * in every format; nothing here computes a figure.
 */
import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { DB } from "~/db.server";
import { TIDY_CSV_COLUMNS } from "~/domain/kpi-cells";
import { londonDate, PERIOD_TYPES, type PeriodType } from "~/domain/periods";
import { tidyCsvChunks } from "~/domain/tidy-csv";
import { METHODOLOGY_PATH } from "~/domain/methodology";
import { KPI_METADATA_COLUMNS, METHOD_NOTES, METHOD_VERSION, SDC_RULE_TEXT, type KpiMetadata } from "~/domain/xlsx-metadata";
import { EVERY, readKpiExportQuery, type KpiExportQuery } from "~/schemas/board";
import { findForumSurvey, type ForumSurvey } from "./board.server";
import { cellsFromSummary, checkCellsOptions, periodsFromSummary } from "./kpi-dashboard.server";
import { refreshWith } from "./kpi-summary.server";
import { isPostgres } from "./dialect.server";
import { kpiSegments, KpiRequestError, summaryContext, type KpiResultCell } from "./kpi-survey.server";

export interface KpiExportOptions {
  forumId: string;
  surveyId: string;
  /** Default: every period type. */
  periodTypes?: readonly PeriodType[];
  /** Breakdowns to include; default: every segment of the survey. */
  segments?: readonly string[];
  /** Periods per chunk: small chunks keep each synchronous SQLite query short. */
  periodsPerChunk?: number;
  /**
   * Recount any month whose response count differs from the summary's first. Default: on
   * PostgreSQL, where a submission can commit just after a refresh's snapshot; SQLite
   * serialises writers, so no mark can be lost there and the check would only cost time.
   */
  reconcile?: boolean;
}

/**
 * The full tidy export as a stream of cell chunks: for each period type, the `all` rows and then
 * each breakdown, a few periods at a time, yielding to the event loop between chunks so a
 * running export never stalls other requests. Pipe through tidyCsvLines.
 */
export async function* exportKpiCells(db: DB, options: KpiExportOptions): AsyncGenerator<KpiResultCell[]> {
  const ctx = await summaryContext(db, options.forumId, options.surveyId);
  const segments = options.segments ?? ctx.segments;
  for (const by of segments) checkCellsOptions(ctx, { periodType: "quarter", by });
  await refreshWith(db, ctx, { reconcile: options.reconcile ?? isPostgres(db) });
  const size = Math.max(1, options.periodsPerChunk ?? 1);
  for (const periodType of options.periodTypes ?? PERIOD_TYPES) {
    checkCellsOptions(ctx, { periodType });
    const periods = await periodsFromSummary(db, ctx, periodType);
    for (const by of [undefined, ...segments]) {
      for (let i = 0; i < periods.length; i += size) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        const chunk = await cellsFromSummary(db, ctx, {
          periodType,
          periods: periods.slice(i, i + size),
          by,
          includeAll: by === undefined,
          yieldBetweenQueries: true,
        });
        if (chunk.length > 0) yield chunk;
      }
    }
  }
}

export interface KpiExportRequest {
  forumId: string;
  survey: ForumSurvey;
  periodTypes: PeriodType[];
  /** Breakdown segment codes; empty: the `all` rows only. */
  segments: string[];
}

/** Resolves `every` and checks the breakdowns against the survey (KpiRequestError if unknown). */
export async function kpiExportRequest(db: DB, forumId: string, survey: ForumSurvey, query: KpiExportQuery): Promise<KpiExportRequest> {
  const available = await kpiSegments(db, forumId, survey.id);
  const segments = query.by.includes(EVERY) ? available : [...new Set(query.by)];
  const unknown = segments.filter((s) => !available.includes(s));
  if (unknown.length > 0) {
    throw new KpiRequestError(
      "unknown_segment",
      `This survey has no segment "${unknown[0]}": use one of ${available.join(", ")}, or every.`,
    );
  }
  const periodTypes = query.periodType === EVERY ? [...PERIOD_TYPES] : [query.periodType];
  return { forumId, survey, periodTypes, segments };
}

/** The export's cells in chunks, straight from exportKpiCells. */
export function kpiCellChunks(db: DB, request: KpiExportRequest) {
  return exportKpiCells(db, {
    forumId: request.forumId,
    surveyId: request.survey.id,
    periodTypes: request.periodTypes,
    segments: request.segments,
  });
}

/** Every cell of the export, in export order (the XLSX and the API hold them all at once). */
export async function collectKpiCells(db: DB, request: KpiExportRequest): Promise<KpiResultCell[]> {
  const cells: KpiResultCell[] = [];
  for await (const chunk of kpiCellChunks(db, request)) cells.push(...chunk);
  return cells;
}

/**
 * The tidy CSV as a byte stream, chunk by chunk, so a large export never sits in memory whole.
 * The first chunk is read before the stream is returned: a request the engine refuses throws
 * here (the caller answers 400), not half-way through a download.
 */
export async function tidyCsvStream(db: DB, request: KpiExportRequest): Promise<ReadableStream<Uint8Array>> {
  const lines = tidyCsvChunks(kpiCellChunks(db, request));
  const encoder = new TextEncoder();
  const first = await lines.next();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (!first.done) controller.enqueue(encoder.encode(first.value));
    },
    async pull(controller) {
      try {
        const next = await lines.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
}

const NUMERIC = new Set<string>(["n", "numerator", "percent", "ci_lower", "ci_upper", "percent_negative", "target"]);
const ONE_DECIMAL = new Set<string>(["percent", "ci_lower", "ci_upper", "percent_negative"]);

export interface WorkbookContext {
  request: KpiExportRequest;
  kpis: KpiMetadata[];
  generatedAt: Date;
  /** Where the methodology page is, as a full address when the request is known. */
  methodologyUrl?: string;
}

/**
 * The XLSX as a byte stream: a `data` sheet with exactly the tidy CSV's columns and cells
 * (numbers stored as numbers, blanks as empty cells) and a `metadata` sheet describing the
 * method and every KPI. Written with exceljs's streaming writer, row by row as the cell chunks
 * arrive, yielding between chunks, so a full export neither sits in memory whole nor stalls
 * other requests. Text is written as string cells, which a spreadsheet never evaluates, so a
 * value that starts with "=" cannot run as a formula.
 *
 * The first chunk is read before the stream is returned, so a refused request throws here.
 */
export async function kpiWorkbookStream(
  chunks: AsyncIterator<readonly KpiResultCell[]>,
  context: WorkbookContext,
): Promise<ReadableStream<Uint8Array>> {
  const first = await chunks.next();
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  workbook.creator = "Parent carer voice";
  workbook.created = context.generatedAt;

  const write = async () => {
    const data = workbook.addWorksheet("data", { views: [{ state: "frozen", ySplit: 1 }] });
    data.columns = TIDY_CSV_COLUMNS.map((column) => ({
      key: column,
      width: column === "kpi_name" ? 36 : Math.max(10, column.length + 2),
      style: ONE_DECIMAL.has(column) ? { numFmt: "0.0" } : {},
    }));
    const header = data.addRow([...TIDY_CSV_COLUMNS]);
    header.font = { bold: true };
    header.commit();
    const addCells = (cells: readonly KpiResultCell[]) => {
      for (const cell of cells) {
        data
          .addRow(
            TIDY_CSV_COLUMNS.map((column) => {
              const value = cell[column];
              if (value === null || value === "") return null;
              return NUMERIC.has(column) ? Number(value) : String(value);
            }),
          )
          .commit();
      }
    };
    if (!first.done) addCells(first.value);
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
      addCells(next.value);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    data.commit();

    const meta = workbook.addWorksheet("metadata");
    meta.columns = [30, 40, 12, 30, 60, 40, 30, 30, 30, 10].map((width) => ({ width }));
    const about: [string, string][] = [
      ["survey", context.request.survey.slug],
      ["survey_title", context.request.survey.title],
      ["time_identifier", context.request.periodTypes.join(", ")],
      ["segment_types", ["all", ...context.request.segments].join(", ")],
      ["method_version", METHOD_VERSION],
      ["methodology", context.methodologyUrl ?? METHODOLOGY_PATH],
      ["sdc_rule", SDC_RULE_TEXT],
      ["n", METHOD_NOTES.n],
      ["interval", METHOD_NOTES.interval],
      ["rag", METHOD_NOTES.rag],
      ["periods", METHOD_NOTES.periods],
      ["generated_at", context.generatedAt.toISOString()],
    ];
    for (const [key, value] of about) meta.addRow([key, value]).commit();
    meta.addRow([]).commit();
    const kpiHeader = meta.addRow([...KPI_METADATA_COLUMNS]);
    kpiHeader.font = { bold: true };
    kpiHeader.commit();
    for (const kpi of context.kpis) meta.addRow(KPI_METADATA_COLUMNS.map((column) => kpi[column])).commit();
    meta.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}

/** The XLSX of given cells, whole (the same writer as the download; for tests and small uses). */
export async function kpiWorkbook(cells: readonly KpiResultCell[], context: WorkbookContext): Promise<Uint8Array> {
  async function* once() {
    yield cells;
  }
  const stream = await kpiWorkbookStream(once(), context);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export type ResolvedExport =
  { ok: true; request: KpiExportRequest; query: KpiExportQuery } | { ok: false; status: 400 | 404; message: string };

/**
 * The export a query string asks for, in this forum: 400 with the reason for a malformed query
 * or a breakdown the survey does not have; 404 for a survey this forum does not have (whether or
 * not another forum has one by that name).
 */
export async function resolveKpiExport(db: DB, forumId: string, params: URLSearchParams): Promise<ResolvedExport> {
  const parsed = readKpiExportQuery(params);
  if (!parsed.success) return { ok: false, status: 400, message: parsed.error.issues.map((i) => i.message).join(" ") };
  const survey = await findForumSurvey(db, forumId, parsed.data.survey);
  if (!survey) return { ok: false, status: 404, message: `This forum has no published survey "${parsed.data.survey}".` };
  try {
    return { ok: true, request: await kpiExportRequest(db, forumId, survey, parsed.data), query: parsed.data };
  } catch (error) {
    if (error instanceof KpiRequestError) return { ok: false, status: 400, message: error.message };
    throw error;
  }
}

/** What the audit log records about an export: codes only. */
export function exportAuditDetail(format: string, resolved: { request: KpiExportRequest; query: KpiExportQuery }) {
  return {
    format,
    survey: resolved.request.survey.slug,
    period_type: resolved.query.periodType,
    by: resolved.request.segments.join(",") || null,
  };
}

/** A download's file name: survey, period type and the London date. */
export function exportFileName(request: KpiExportRequest, extension: string): string {
  const periods = request.periodTypes.length === 1 ? request.periodTypes[0] : "all-periods";
  return `kpis-${request.survey.slug}-${periods}-${londonDate(new Date())}.${extension}`;
}
