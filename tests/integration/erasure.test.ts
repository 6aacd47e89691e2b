import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { ensureQueued } from "~/models/moderation-queue.server";
import { withdrawResponse } from "~/models/responses.server";
import { applyRetention } from "~/models/retention.server";
import { forumWithSurvey, minimalParentAnswers, submitAnswers } from "../factories";
import { createTestDb, type TestDb } from "../support/db";

/**
 * A withdrawn or expired answer is gone from the SQLite file's bytes, not only from its rows:
 * the test searches `forum.db` and its write-ahead log for the text, as someone holding a copy of
 * the files would.
 */

function copiesOf(file: string, text: string): number {
  let copies = 0;
  for (const name of [file, `${file}-wal`]) {
    if (!fs.existsSync(name)) continue;
    const bytes = fs.readFileSync(name);
    for (let at = bytes.indexOf(text); at !== -1; at = bytes.indexOf(text, at + 1)) copies += 1;
  }
  return copies;
}

describe("erasure from the SQLite file itself", () => {
  let store: TestDb | undefined;
  afterEach(async () => {
    await store?.destroy();
    store = undefined;
  });

  async function answered(text: string, now?: Date) {
    store = await createTestDb("sqlite");
    const { forum, survey } = await forumWithSurvey(store.db);
    const { result } = await submitAnswers(store.db, survey, { ...minimalParentAnswers(), what_would_help: { kind: "text", text } }, now);
    if (result.status !== "submitted") throw new Error("not submitted");
    // A moderator opened the queue, so a copy of the text sits in the moderation table too.
    await ensureQueued(store.db, forum.id);
    return { forum, receiptCode: result.receiptCode };
  }

  it("finds no copy of a withdrawn answer in forum.db or forum.db-wal once the withdrawal returns", async () => {
    const text = `My son's keyworker ${randomBytes(8).toString("hex")} never rings back`;
    const { receiptCode } = await answered(text);
    if (!store) throw new Error("no store");
    expect(copiesOf(store.url, text), "the answer is on disk before the withdrawal").toBeGreaterThan(0);
    expect(await withdrawResponse(store.db, receiptCode)).toBe(true);
    expect(copiesOf(store.url, text)).toBe(0);
  });

  it("finds no copy of an answer deleted by retention", async () => {
    const text = `Our daughter waited ${randomBytes(8).toString("hex")} weeks for an assessment`;
    const { forum } = await answered(text, new Date("2023-03-15T12:00:00Z"));
    if (!store) throw new Error("no store");
    expect(copiesOf(store.url, text)).toBeGreaterThan(0);
    const result = await applyRetention(store.db, forum.id, "system", new Date("2026-06-02T09:00:00Z"));
    expect(result.submitted).toBe(1);
    expect(copiesOf(store.url, text)).toBe(0);
  });
});
