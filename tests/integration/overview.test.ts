import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSurvey, publishVersion } from "~/models/surveys.server";
import { ensureQueued } from "~/models/moderation-queue.server";
import { flagSafeguarding } from "~/models/moderation-safeguarding.server";
import { whatWaits } from "~/models/overview.server";
import { startResponse } from "~/models/responses.server";
import { parentCarerExperience } from "~/templates";
import { forumWithSurvey, minimalParentAnswers, submitAnswers } from "../factories";
import { createTestDb, STORES, type TestDb } from "../support/db";

const NOW = new Date("2026-12-02T10:00:00Z");
const days = (n: number) => new Date(NOW.getTime() + n * 86_400_000).toISOString();

describe.each(STORES)("what waits on the admin overview, on $kind", ({ kind, skip }) => {
  let t: TestDb;
  beforeEach(async () => {
    if (!skip) t = await createTestDb(kind);
  });
  afterEach(async () => {
    if (!skip) await t.destroy();
  });

  it.skipIf(skip)("counts each kind of waiting work, and only this forum's", async () => {
    const { forum, survey } = await forumWithSurvey(t.db);
    expect(await whatWaits(t.db, forum.id, NOW)).toEqual({
      toModerate: 0,
      openSafeguarding: 0,
      newContactRequests: 0,
      reviewsDue: 0,
      importsRunning: 0,
      surveysClosingSoon: 0,
    });

    // Two written answers, never looked at by a moderator: the overview queues and counts them.
    for (const text of ["The panel never replied", "I am scared for my son"]) {
      await submitAnswers(t.db, survey, { ...minimalParentAnswers(), what_would_help: { kind: "text", text } });
    }
    await ensureQueued(t.db, forum.id);
    const [item] = await t.db.selectFrom("moderation_items").select("id").where("forum_id", "=", forum.id).orderBy("id").execute();
    await flagSafeguarding(t.db, { forumId: forum.id, role: "moderator", safeguardingLead: false, user: { id: "m" } }, item.id, "Worried");
    await startResponse(t.db, {
      forumId: forum.id,
      surveyId: survey.id,
      versionId: survey.versionId,
      respondentRole: survey.audience,
      language: "en",
      idempotencyKey: randomUUID(),
      consents: { participate: true, special_category: true, quotes: false, follow_up: true },
      contact: { name: "A parent", contact: "01632 960000" },
    });
    // Reviews: one overdue, one due today, one next month, one overdue but superseded, one a draft.
    for (const [next, status, published] of [
      ["2026-11-20", "agreed", true],
      ["2026-12-02", "in_progress", true],
      ["2027-01-15", "agreed", true],
      ["2026-11-01", "superseded", true],
      ["2026-11-01", "agreed", false],
    ] as const) {
      await t.db
        .insertInto("yswd_items")
        .values({
          id: randomUUID(),
          forum_id: forum.id,
          reference: `YSWD-2026-${randomUUID().slice(0, 3)}`,
          title: "Waiting times",
          said_plain: "Waits are long",
          involvement: "consult",
          owner_org: "Council",
          owner_role: "Head of SEND",
          status,
          raised_on: "2026-06-01",
          next_review_on: next,
          published_at: published ? "2026-06-02T10:00:00Z" : null,
          deleted_at: null,
          created_by: "admin",
          created_at: "2026-06-01T10:00:00Z",
          updated_at: "2026-06-01T10:00:00Z",
        })
        .execute();
    }
    await t.db
      .insertInto("import_jobs")
      .values({
        id: randomUUID(),
        forum_id: forum.id,
        survey_id: survey.id,
        actor: "admin",
        status: "running",
        done: 10,
        total: 100,
        problems: null,
        problem_count: null,
        started_at: days(0),
        updated_at: days(0),
        runner: null,
      })
      .execute();
    await t.db
      .insertInto("import_jobs")
      .values({
        id: randomUUID(),
        forum_id: forum.id,
        survey_id: survey.id,
        actor: "admin",
        status: "imported",
        done: 5,
        total: 5,
        problems: null,
        problem_count: null,
        started_at: days(-1),
        updated_at: days(-1),
        runner: null,
      })
      .execute();
    // Closing: one in five days; one in twenty; one already past.
    await t.db
      .updateTable("surveys")
      .set({ closes_at: days(5) })
      .where("id", "=", survey.id)
      .execute();
    for (const [slug, closes] of [
      ["later", days(20)],
      ["past", days(-2)],
    ]) {
      const created = await createSurvey(t.db, { forumId: forum.id, slug, definition: parentCarerExperience });
      await publishVersion(t.db, forum.id, created.versionId);
      await t.db.updateTable("surveys").set({ closes_at: closes }).where("id", "=", created.id).execute();
    }

    expect(await whatWaits(t.db, forum.id, NOW)).toEqual({
      toModerate: 2,
      openSafeguarding: 1,
      newContactRequests: 1,
      reviewsDue: 2,
      importsRunning: 1,
      surveysClosingSoon: 1,
    });
    const other = await forumWithSurvey(t.db);
    expect(Object.values(await whatWaits(t.db, other.forum.id, NOW)).every((n) => n === 0)).toBe(true);
  });
});
