/**
 * The national network's data for `npm run bench:network`, on SQLite or PostgreSQL: FORUMS forums
 * hosted in one installation, every one a network member with the default surveys, and TOTAL
 * submitted parents' survey responses between them, of which the first forum holds BIG (the
 * forum that has just imported its history) and the others share the rest evenly.
 *
 * Built in bulk (prepared statements in big transactions on SQLite; one multi-row INSERT of
 * column arrays per batch on PostgreSQL), then every month marked stale as an import marks it.
 * A database built earlier with the same figures is reused.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import SQLite from "better-sqlite3";
import pg from "pg";
import { migrateToLatest, openDatabase, type DB } from "~/db.server";
import { createForumWithDefaultSurveys, findForumByCode, findForumSurvey } from "~/models/forum-setup.server";
import { markKpisStale } from "~/models/kpi-stale.server";
import { joinNetwork } from "~/models/network-members.server";
import { DAYS, LANGUAGES, londonDay, mulberry32, pickWeighted, sampleAnswers, SURVEY_SLUG } from "./kpi-data";

export interface BenchStore {
  kind: "sqlite" | "postgres";
  /** SQLite file, or PostgreSQL URL. */
  url: string;
  /** PostgreSQL: the schema the data live in. */
  schema?: string;
}

export interface NetworkShape {
  forums: number;
  total: number;
  big: number;
}

export interface BenchForum {
  code: string;
  forumId: string;
  surveyId: string;
  versionId: string;
  responses: number;
}

export function openStore(store: BenchStore): DB {
  return openDatabase(store.url, store.schema ? { searchPath: store.schema } : {});
}

export function forumCode(i: number): string {
  return `bench${String(i).padStart(3, "0")}`;
}

/** How many responses forum i holds. */
export function forumSize(shape: NetworkShape, i: number): number {
  if (i === 0) return shape.big;
  const others = shape.forums - 1;
  const rest = shape.total - shape.big;
  return Math.floor(rest / others) + (i - 1 < rest % others ? 1 : 0);
}

async function listBenchForums(db: DB, shape: NetworkShape): Promise<BenchForum[] | undefined> {
  const out: BenchForum[] = [];
  for (let i = 0; i < shape.forums; i++) {
    const forum = await findForumByCode(db, forumCode(i));
    if (!forum) return undefined;
    const survey = await findForumSurvey(db, forum.id, SURVEY_SLUG);
    if (!survey) return undefined;
    const version = await db.selectFrom("surveys").select("current_version_id").where("id", "=", survey.surveyId).executeTakeFirstOrThrow();
    out.push({
      code: forum.code,
      forumId: forum.id,
      surveyId: survey.surveyId,
      versionId: version.current_version_id!,
      responses: forumSize(shape, i),
    });
  }
  return out;
}

/**
 * Takes out the responses an earlier run's warm measurements submitted (their months marked
 * stale, as a withdrawal marks them), and reports whether the bench responses are all there.
 */
async function reusable(db: DB, shape: NetworkShape): Promise<boolean> {
  const extra = await db.selectFrom("responses").select(["id", "survey_id", "submitted_on"]).where("source", "<>", "bench").execute();
  for (const r of extra) {
    await db.deleteFrom("answers").where("response_id", "=", r.id).execute();
    await db.deleteFrom("consents").where("response_id", "=", r.id).execute();
    await db.deleteFrom("responses").where("id", "=", r.id).execute();
    if (r.submitted_on) await markKpisStale(db, r.survey_id, [r.submitted_on]);
  }
  const row = await db
    .selectFrom("responses")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("source", "=", "bench")
    .executeTakeFirstOrThrow();
  return Number(row.n) === shape.total;
}

/** Builds (or reuses) the network's data; returns its forums, the big one first. */
export async function ensureNetworkData(
  store: BenchStore,
  shape: NetworkShape,
  log: (line: string) => void,
): Promise<{ forums: BenchForum[]; reused: boolean; seconds: number }> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  if (store.kind === "postgres") await ensureSchema(store, false);
  let db = openStore(store);
  await migrateToLatest(db, store.schema ? { schema: store.schema } : {});
  const found = await listBenchForums(db, shape);
  if (found && (await reusable(db, shape))) {
    await db.destroy();
    return { forums: found, reused: true, seconds: seconds() };
  }
  await db.destroy();
  if (store.kind === "postgres") await ensureSchema(store, true);
  else for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(store.url + suffix, { force: true });

  db = openStore(store);
  await migrateToLatest(db, store.schema ? { schema: store.schema } : {});
  for (let i = 0; i < shape.forums; i++) {
    await createForumWithDefaultSurveys(db, { code: forumCode(i), name: `Benchmark forum ${i + 1}`, actor: "bench" });
    await joinNetwork(db, { code: forumCode(i), actor: "bench" });
  }
  const forums = (await listBenchForums(db, shape))!;
  await db.destroy();
  log(`  ${shape.forums} forums set up in ${seconds().toFixed(0)} s`);

  const writer = store.kind === "sqlite" ? sqliteWriter(store.url) : await postgresWriter(store);
  const random = mulberry32(20261204);
  let written = 0;
  let logged = 0;
  const BATCH = 5_000;
  for (const forum of forums) {
    // Random ids like the app's, in id order so the indexes grow at their end; the submission
    // dates are random, so a month's rows are scattered through the table.
    const ids = Array.from({ length: forum.responses }, () => randomUUID()).sort();
    for (let start = 0; start < ids.length; start += BATCH) {
      const responses: ResponseRow[] = [];
      const answers: AnswerRow[] = [];
      for (const id of ids.slice(start, start + BATCH)) {
        const day = Math.floor(random() * DAYS);
        const date = londonDay(day);
        responses.push({ id, date, language: pickWeighted(random, LANGUAGES) });
        for (const [code, value] of Object.entries(sampleAnswers(random, day / DAYS))) {
          if (value.kind === "options") answers.push([id, code, value.codes[0], null]);
          else if (value.kind === "text") answers.push([id, code, null, value.text]);
        }
      }
      await writer.write(forum, responses, answers);
      written += responses.length;
      if (written - logged >= 100_000) {
        logged = written;
        log(`  built ${written.toLocaleString("en-GB")} responses (${seconds().toFixed(0)} s)`);
      }
    }
  }
  await writer.finish();

  db = openStore(store);
  for (const forum of forums) {
    const months = await db
      .selectFrom("responses")
      .select("submitted_on")
      .distinct()
      .where("survey_id", "=", forum.surveyId)
      .where("status", "=", "submitted")
      .execute();
    await markKpisStale(
      db,
      forum.surveyId,
      months.map((m) => m.submitted_on!),
    );
  }
  await db.destroy();
  return { forums, reused: false, seconds: seconds() };
}

interface ResponseRow {
  id: string;
  date: string;
  language: string;
}
type AnswerRow = [responseId: string, questionCode: string, optionCode: string | null, text: string | null];

interface Writer {
  write(forum: BenchForum, responses: ResponseRow[], answers: AnswerRow[]): Promise<void>;
  finish(): Promise<void>;
}

function sqliteWriter(file: string): Writer {
  const raw = new SQLite(file);
  // Building only: no journal, no syncs. Measurements reopen the file as the app does.
  raw.pragma("journal_mode = OFF");
  raw.pragma("synchronous = OFF");
  raw.pragma("cache_size = -1000000");
  const insertResponse = raw.prepare(`insert into responses
    (id, forum_id, survey_id, survey_version_id, status, language, respondent_role, source, idempotency_key,
     resume_hash, receipt_hash, started_at, updated_at, submitted_at, submitted_on)
    values (?, ?, ?, ?, 'submitted', ?, 'parent_carer', 'bench', null, null, null, ?, ?, ?, ?)`);
  const insertAnswer = raw.prepare(`insert into answers
    (response_id, forum_id, question_code, ordinal, option_code, text_value, number_value) values (?, ?, ?, 0, ?, ?, null)`);
  return {
    write(forum, responses, answers) {
      raw.transaction(() => {
        for (const r of responses) {
          const at = `${r.date}T12:00:00.000Z`;
          insertResponse.run(r.id, forum.forumId, forum.surveyId, forum.versionId, r.language, at, at, at, r.date);
        }
        for (const [id, code, option, text] of answers) insertAnswer.run(id, forum.forumId, code, option, text);
      })();
      return Promise.resolve();
    },
    finish() {
      raw.pragma("journal_mode = WAL");
      raw.close();
      return Promise.resolve();
    },
  };
}

async function postgresWriter(store: BenchStore): Promise<Writer> {
  const client = new pg.Client({ connectionString: store.url, options: `-c search_path=${store.schema}` });
  await client.connect();
  // Building only: commits need not wait for the disk.
  await client.query("set synchronous_commit = off");
  return {
    async write(forum, responses, answers) {
      const at = responses.map((r) => `${r.date}T12:00:00.000Z`);
      await client.query("begin");
      await client.query(
        `insert into responses
          (id, forum_id, survey_id, survey_version_id, status, language, respondent_role, source, started_at, updated_at, submitted_at, submitted_on)
        select id, $2, $3, $4, 'submitted', language, 'parent_carer', 'bench', at, at, at, day
        from unnest($1::text[], $5::text[], $6::text[], $7::text[]) as t(id, language, at, day)`,
        [
          responses.map((r) => r.id),
          forum.forumId,
          forum.surveyId,
          forum.versionId,
          responses.map((r) => r.language),
          at,
          responses.map((r) => r.date),
        ],
      );
      await client.query(
        `insert into answers (response_id, forum_id, question_code, ordinal, option_code, text_value, number_value)
        select response_id, $2, question_code, 0, option_code, text_value, null
        from unnest($1::text[], $3::text[], $4::text[], $5::text[]) as t(response_id, question_code, option_code, text_value)`,
        [answers.map((a) => a[0]), forum.forumId, answers.map((a) => a[1]), answers.map((a) => a[2]), answers.map((a) => a[3])],
      );
      await client.query("commit");
    },
    async finish() {
      // What autovacuum would do soon after a large import: statistics for the planner.
      await client.query("analyze");
      await client.end();
    },
  };
}

/** Creates the PostgreSQL schema if missing; `fresh` drops it first. */
async function ensureSchema(store: BenchStore, fresh: boolean): Promise<void> {
  const client = new pg.Client({ connectionString: store.url });
  await client.connect();
  try {
    if (fresh) await client.query(`drop schema if exists ${store.schema} cascade`);
    await client.query(`create schema if not exists ${store.schema}`);
  } finally {
    await client.end();
  }
}
