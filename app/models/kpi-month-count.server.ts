/**
 * Counting a whole month into the KPI summary (kpi-summary.server.ts) in one pass: what a month
 * meets the first time it is summarised (a forum's history just imported), or when it is recounted.
 *
 * One query reads the month's submitted responses in index order, each once, with its answers
 * gathered into one value (a JSON array of [question, option, ordinal]); the counts are then added up per segment value here, in hash maps, and written in
 * multi-row inserts. Grouping each answer once per segment type in SQL meant sorting every answer
 * row of the month once per segment type (SQLite has no hash aggregation): at a million responses
 * that was most of the work.
 *
 * The counts are exactly those addToSummary makes for the same responses (the incremental path,
 * which still adds a few new responses in SQL): segment values from the answer at ordinal 0
 * (`unknown` when not answered), option answers of every question that is not a segment question,
 * `__respondents` per segment value, and each index KPI's class per respondent.
 */
import { sql } from "kysely";
import type { DB } from "~/db.server";
import { EHCP_QUALITY_INDEX_MINIMUM } from "~/domain/kpi-definitions";
import { isPostgres } from "./dialect.server";
import { indexQuestionCode, RESPONSE_SEGMENTS, type SummaryContext } from "./kpi-survey.server";

/** Rows per multi-row insert: 8 values a row, well under either database's limit on parameters. */
const INSERT_ROWS = 500;

interface MonthRow {
  language: string | null;
  respondent_role: string | null;
  mode: string | null;
  /** JSON text (SQLite) or the parsed array (PostgreSQL's json type) of [question, option, ordinal]. */
  answers: string | Answer[] | null;
}

type Answer = [question: string, option: string, ordinal: number];

/**
 * Adds every submitted response of `month` to the summary (after a full refresh deleted the
 * month's counts) and lists them as counted. Runs in the caller's transaction.
 */
export async function countWholeMonth(trx: DB, ctx: SummaryContext, month: string, first: string, last: string): Promise<void> {
  const gathered = isPostgres(trx)
    ? sql`json_agg(json_build_array(a.question_code, a.option_code, a.ordinal)) filter (where a.option_code is not null)`
    : sql`json_group_array(json_array(a.question_code, a.option_code, a.ordinal)) filter (where a.option_code is not null)`;
  // Grouped by the index's own order (survey_id, status, submitted_on, id), so SQLite groups as it
  // reads; the other columns of a response follow from its id (its primary key).
  const { rows } = await sql<MonthRow>`
    select r.language, r.respondent_role, r.mode, ${gathered} as answers
    from responses r left join answers a on a.response_id = r.id and a.option_code is not null
    where r.survey_id = ${ctx.survey.id} and r.status = 'submitted' and r.submitted_on >= ${first} and r.submitted_on <= ${last}
    group by r.submitted_on, r.id`.execute(trx);

  const counts = new MonthCounts(ctx);
  for (const row of rows) counts.add(row);
  const values = counts.rows().map((r) => ({ forum_id: ctx.survey.forumId, survey_id: ctx.survey.id, month, ...r }));
  for (let i = 0; i < values.length; i += INSERT_ROWS) {
    await trx
      .insertInto("kpi_month_counts")
      .values(values.slice(i, i + INSERT_ROWS))
      .onConflict((oc) =>
        oc
          .columns(["survey_id", "segment_type", "month", "segment_value", "question_code", "option_code"])
          .doUpdateSet({ n: sql`kpi_month_counts.n + excluded.n` }),
      )
      .execute();
  }

  await sql`insert into kpi_counted_responses (survey_id, submitted_on, response_id)
    select r.survey_id, r.submitted_on, r.id from responses r
    where r.survey_id = ${ctx.survey.id} and r.status = 'submitted' and r.submitted_on >= ${first} and r.submitted_on <= ${last}`.execute(
    trx,
  );
}

function isResponseSegment(code: string): code is (typeof RESPONSE_SEGMENTS)[number] {
  return (RESPONSE_SEGMENTS as readonly string[]).includes(code);
}

const RESPONDENTS_CODE = "__respondents";
const UNKNOWN = "unknown";

/**
 * The month's counts, added up one response at a time: for each segment type (and `all`) and
 * value, question × option → n. Keys are numbered as they are first met, so each answer costs one
 * map look-up and one addition per segment type.
 */
class MonthCounts {
  private readonly keys = new Map<string, Map<string, number>>();
  private readonly keyList: [string, string][] = [];
  /** slots[segment type index][value] = counts by key number. */
  private readonly slots: Map<string, number[]>[];
  private readonly segmentQuestions: Set<string>;
  private readonly respondentsKey: number;
  private readonly indexes: { questions: Set<string>; excluded: Set<string>; positive: Set<string>; keys: Record<string, number> }[];

  constructor(private readonly ctx: SummaryContext) {
    this.slots = [new Map(), ...ctx.segments.map(() => new Map<string, number[]>())];
    this.segmentQuestions = new Set(ctx.segmentQuestions);
    this.respondentsKey = this.key(RESPONDENTS_CODE, "all");
    this.indexes = ctx.indexes.map((kpi) => ({
      questions: new Set(kpi.questions ?? []),
      excluded: new Set(kpi.excluded),
      positive: new Set(kpi.positive),
      keys: Object.fromEntries(
        ["positive", "in_base", "outside_base"].map((c) => [c, this.key(indexQuestionCode(kpi.id), c)] as const),
      ) as Record<string, number>,
    }));
  }

  private key(question: string, option: string): number {
    let byOption = this.keys.get(question);
    if (!byOption) this.keys.set(question, (byOption = new Map()));
    let k = byOption.get(option);
    if (k === undefined) {
      k = this.keyList.length;
      byOption.set(option, k);
      this.keyList.push([question, option]);
    }
    return k;
  }

  add(row: MonthRow): void {
    const answers = typeof row.answers === "string" ? (JSON.parse(row.answers) as Answer[]) : (row.answers ?? []);
    // Segment questions: the option at ordinal 0, as coalesce(answer, 'unknown') in SQL.
    const chosen = new Map<string, string>();
    for (const [question, option, ordinal] of answers) {
      if (ordinal === 0 && this.segmentQuestions.has(question)) chosen.set(question, option);
    }
    // The response's counters, one per segment type: `all`, then ctx.segments in order. The
    // response's own columns as coalesce(nullif(column, ''), 'unknown').
    const targets: number[][] = [slot(this.slots[0], "all")];
    this.ctx.segments.forEach((code, i) => {
      const value = isResponseSegment(code) ? row[code] || UNKNOWN : (chosen.get(code) ?? UNKNOWN);
      targets.push(slot(this.slots[i + 1], value));
    });
    const bump = (k: number) => {
      for (const t of targets) t[k] = (t[k] ?? 0) + 1;
    };

    bump(this.respondentsKey);
    for (const [question, option] of answers) {
      if (!this.segmentQuestions.has(question)) bump(this.key(question, option));
    }
    // Index KPIs, as classifyQualityIndexRespondent: valid = answered and not excluded; in the
    // base with ≥ minimum valid statements; positive with ≥ minimum agreeing; none answered: not counted.
    for (const index of this.indexes) {
      let answered = false;
      const valid = new Set<string>();
      const agreeing = new Set<string>();
      for (const [question, option] of answers) {
        if (!index.questions.has(question)) continue;
        answered = true;
        if (!index.excluded.has(option)) valid.add(question);
        if (index.positive.has(option)) agreeing.add(question);
      }
      if (!answered) continue;
      const cls =
        valid.size < EHCP_QUALITY_INDEX_MINIMUM ? "outside_base" : agreeing.size >= EHCP_QUALITY_INDEX_MINIMUM ? "positive" : "in_base";
      bump(index.keys[cls]);
    }
  }

  rows(): { segment_type: string; segment_value: string; question_code: string; option_code: string; n: number }[] {
    const out: { segment_type: string; segment_value: string; question_code: string; option_code: string; n: number }[] = [];
    const types = ["all", ...this.ctx.segments];
    this.slots.forEach((byValue, t) => {
      for (const [value, counts] of byValue) {
        counts.forEach((n, k) => {
          if (n > 0) {
            const [question, option] = this.keyList[k];
            out.push({ segment_type: types[t], segment_value: value, question_code: question, option_code: option, n });
          }
        });
      }
    });
    return out;
  }
}

function slot(byValue: Map<string, number[]>, value: string): number[] {
  let counts = byValue.get(value);
  if (!counts) byValue.set(value, (counts = []));
  return counts;
}
