import SQLite from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { groupedTransaction, openDatabase } from "~/db.server";
import { loadAnswers, saveAnswer, startResponse, submitResponse } from "~/models/responses.server";
import { ALL_CONSENTS, forumWithSurvey, minimalParentAnswers, startFor } from "../factories";
import { createTestDb, STORES, type TestDb } from "../support/db";

/**
 * Parents' writes (start, each answer, send) go through groupedTransaction: on SQLite the ones
 * that arrive together share one commit. Whatever the grouping, each must behave as a
 * transaction of its own: all of it or none of it, and one parent's failure never another's.
 */
describe.each(STORES)("grouped transactions on $kind", ({ kind, skip }) => {
  let t: TestDb;
  beforeEach(async () => {
    if (!skip) t = await createTestDb(kind);
  });
  afterEach(async () => {
    if (!skip) await t.destroy();
  });

  const countResponses = async () =>
    Number(
      (
        await t.db
          .selectFrom("responses")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it.skipIf(skip)("twenty parents starting at once are all stored, and one failure is only its own", async () => {
    const { survey } = await forumWithSurvey(t.db);
    const { survey: other } = await forumWithSurvey(t.db, undefined, "other-survey");
    // A key already used on another survey: starting with it fails after the insert was tried.
    await startFor(t.db, other, "key-used-elsewhere-000");
    const starts = Array.from({ length: 20 }, (_, i) =>
      startFor(t.db, survey, i === 7 ? "key-used-elsewhere-000" : `key-${i}-aaaaaaaaaaaaaaaa`),
    );
    const results = await Promise.allSettled(starts);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(19);
    expect(results[7]).toMatchObject({ status: "rejected", reason: { message: "Idempotency key belongs to another survey" } });
    // 19 new responses, plus the one on the other survey; each new one has its four consents.
    expect(await countResponses()).toBe(20);
    const consents = await t.db
      .selectFrom("consents")
      .innerJoin("responses", "responses.id", "consents.response_id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("responses.survey_id", "=", survey.id)
      .executeTakeFirstOrThrow();
    expect(Number(consents.n)).toBe(19 * 4);
  });

  it.skipIf(skip)("a failing call in a group leaves nothing of itself behind", async () => {
    const { survey } = await forumWithSurvey(t.db);
    const calls = Array.from({ length: 5 }, (_, i) =>
      groupedTransaction(t.db, async (trx) => {
        await trx
          .insertInto("kpi_stale_months")
          .values({ survey_id: survey.id, month: `2026-0${i + 1}` })
          .execute();
        if (i === 2) throw new Error("third call fails after writing");
        return i;
      }),
    );
    const results = await Promise.allSettled(calls);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled"]);
    const months = await t.db.selectFrom("kpi_stale_months").select("month").where("survey_id", "=", survey.id).orderBy("month").execute();
    expect(months.map((m) => m.month)).toEqual(["2026-01", "2026-02", "2026-04", "2026-05"]);
  });

  it.skipIf(skip)("the same response sent twice at once is submitted once", async () => {
    const { survey } = await forumWithSurvey(t.db);
    const { responseId } = await startFor(t.db, survey);
    const response = { id: responseId, forumId: survey.forumId };
    await Promise.all(Object.entries(minimalParentAnswers()).map(([code, value]) => saveAnswer(t.db, response, code, value, "en")));
    expect(Object.keys(await loadAnswers(t.db, responseId))).toHaveLength(6);
    const results = await Promise.all([1, 2, 3].map(() => submitResponse(t.db, response, survey.definition, "en")));
    expect(results.map((r) => r.status).sort()).toEqual(["already_submitted", "already_submitted", "submitted"]);
  });

  it.skipIf(skip)("called inside a transaction, the work joins it and rolls back with it", async () => {
    const { survey } = await forumWithSurvey(t.db);
    await expect(
      t.db.transaction().execute(async (trx) => {
        await startResponse(trx, {
          forumId: survey.forumId,
          surveyId: survey.id,
          versionId: survey.versionId,
          respondentRole: survey.audience,
          language: "en",
          idempotencyKey: "key-inside-a-transaction",
          consents: ALL_CONSENTS,
        });
        throw new Error("the outer work fails");
      }),
    ).rejects.toThrow("the outer work fails");
    expect(await countResponses()).toBe(0);
  });
});

describe("grouped transactions on SQLite only", () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb("sqlite");
  });
  afterEach(async () => {
    await t.destroy();
  });

  it("calls made together share one commit, and answer only after it", async () => {
    const { survey } = await forumWithSurvey(t.db);
    // A second connection sees only what is committed.
    const observer = new SQLite(t.url, { readonly: true });
    try {
      const committed = () =>
        (observer.prepare("select count(*) as n from kpi_stale_months where survey_id = ?").get(survey.id) as { n: number }).n;
      const seenDuringSecond: number[] = [];
      let firstSettledBeforeCommit = false;
      const first = groupedTransaction(t.db, async (trx) => {
        await trx.insertInto("kpi_stale_months").values({ survey_id: survey.id, month: "2026-01" }).execute();
      });
      void first.then(() => (firstSettledBeforeCommit = committed() === 0));
      const second = groupedTransaction(t.db, async (trx) => {
        // The first call's row is written in this same transaction, and not yet committed.
        const inTransaction = await trx.selectFrom("kpi_stale_months").select("month").where("survey_id", "=", survey.id).execute();
        seenDuringSecond.push(inTransaction.length, committed());
        await trx.insertInto("kpi_stale_months").values({ survey_id: survey.id, month: "2026-02" }).execute();
      });
      await Promise.all([first, second]);
      expect(seenDuringSecond).toEqual([1, 0]);
      expect(firstSettledBeforeCommit).toBe(false);
      expect(committed()).toBe(2);
    } finally {
      observer.close();
    }
  });

  it("with group commit off, each call commits on its own before the next runs", async () => {
    const { survey } = await forumWithSurvey(t.db);
    const separate = openDatabase(t.url, { groupCommit: false });
    const observer = new SQLite(t.url, { readonly: true });
    try {
      const committed = () =>
        (observer.prepare("select count(*) as n from kpi_stale_months where survey_id = ?").get(survey.id) as { n: number }).n;
      let seenBySecond = -1;
      await Promise.all([
        groupedTransaction(separate, async (trx) => {
          await trx.insertInto("kpi_stale_months").values({ survey_id: survey.id, month: "2026-01" }).execute();
        }),
        groupedTransaction(separate, async (trx) => {
          seenBySecond = committed();
          await trx.insertInto("kpi_stale_months").values({ survey_id: survey.id, month: "2026-02" }).execute();
        }),
      ]);
      expect(seenBySecond).toBe(1);
      expect(committed()).toBe(2);
    } finally {
      observer.close();
      await separate.destroy();
    }
  });
});
