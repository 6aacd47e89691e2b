/**
 * The easy read start page of the young people's survey, over HTTP to the built server on SQLite
 * and on PostgreSQL: it records the same four consents the standard start page records (take
 * part, special category data, quotes, follow-up), in the easy read wording's own version; it
 * never takes contact details; and it refuses a start without the two needed boxes.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/db.server";
import { CONSENT_WORDING_VERSION, consentWordingVersion, EASY_READ_CONSENT_WORDING_VERSION } from "~/models/responses.server";
import { startApp, type RunningApp } from "../support/app";
import { postgresUrl } from "../support/db";
import { Device } from "../support/survey-client";

const SLUG = "young-people-easy-read";

async function onPostgres<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe.each([
  { kind: "sqlite", skip: false },
  { kind: "postgres", skip: !postgresUrl },
])("the easy read start page on $kind", ({ kind, skip }) => {
  const database = `easy_read_${randomBytes(5).toString("hex")}`;
  let app: RunningApp;

  beforeAll(async () => {
    if (skip) return;
    if (kind === "sqlite") {
      app = await startApp();
      return;
    }
    await onPostgres((c) => c.query(`create database ${database}`));
    const url = new URL(postgresUrl);
    url.pathname = `/${database}`;
    app = await startApp({ DATABASE_URL: url.toString() });
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    if (!skip && kind === "postgres") await onPostgres((c) => c.query(`drop database if exists ${database} with (force)`));
  });

  async function read<T>(work: (db: ReturnType<typeof openDatabase>) => Promise<T>): Promise<T> {
    const db = openDatabase(app.databaseUrl);
    try {
      return await work(db);
    } finally {
      await db.destroy();
    }
  }

  async function consentsOf(responseId: string) {
    return read(async (db) =>
      (
        await db
          .selectFrom("consents")
          .select(["purpose", "granted", "wording_version", "language"])
          .where("response_id", "=", responseId)
          .orderBy("purpose")
          .execute()
      ).map((row) => ({ ...row, granted: Number(row.granted) })),
    );
  }

  async function responsesOfSurvey(): Promise<number> {
    return read(async (db) => {
      const row = await db
        .selectFrom("responses")
        .innerJoin("surveys", "surveys.id", "responses.survey_id")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("surveys.slug", "=", SLUG)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    });
  }

  /** Opens the start page and returns the key its form carries. */
  async function openStart(device: Device): Promise<{ key: string; html: string }> {
    const page = await device.visit(`/s/${app.publicIds[SLUG]}`);
    expect(page.status).toBe(200);
    const key = /name="idempotency_key" value="([^"]+)"/.exec(page.html)?.[1];
    expect(key).toBeTruthy();
    return { key: key!, html: page.html };
  }

  function responseIdOf(device: Device): string {
    return decodeURIComponent(device.cookies.get("response") ?? "");
  }

  it.skipIf(skip)(
    "records the four consents the standard form records, follow-up as not given, and never contact details",
    { timeout: 60_000 },
    async () => {
      const phone = new Device(app);
      const { key, html } = await openStart(phone);
      // Three boxes and no contact form; no legal jargon.
      expect([...html.matchAll(/<input[^>]*type="checkbox"[^>]*>/g)].map((m) => /name="([^"]+)"/.exec(m[0])?.[1])).toEqual([
        "participate",
        "special_category",
        "quotes",
      ]);
      expect(html).not.toMatch(/name="(contact_name|contact_detail|follow_up)"/);
      expect(html).not.toMatch(/special category/i);

      // A crafted form that sends contact details anyway: they are ignored, not stored.
      const started = await phone.visit(`/s/${app.publicIds[SLUG]}`, {
        idempotency_key: key,
        participate: "yes",
        special_category: "yes",
        quotes: "yes",
        follow_up: "yes",
        contact_name: "Sam Example",
        contact_detail: "sam@example.org",
      });
      expect(started.path).toBe(`/s/${app.publicIds[SLUG]}/q/yp_overall_experience`);
      const responseId = responseIdOf(phone);
      const version = consentWordingVersion("young_person", true);
      expect(version).toBe(`${EASY_READ_CONSENT_WORDING_VERSION}-young-person`);
      expect(version).not.toBe(consentWordingVersion("young_person"));
      expect(await consentsOf(responseId)).toEqual([
        { purpose: "follow_up", granted: 0, wording_version: version, language: "en" },
        { purpose: "participate", granted: 1, wording_version: version, language: "en" },
        { purpose: "quotes", granted: 1, wording_version: version, language: "en" },
        { purpose: "special_category", granted: 1, wording_version: version, language: "en" },
      ]);
      const contacts = await read((db) => db.selectFrom("follow_up_contacts").select("id").where("response_id", "=", responseId).execute());
      expect(contacts).toEqual([]);
      const role = await read((db) => db.selectFrom("responses").select("respondent_role").where("id", "=", responseId).executeTakeFirst());
      expect(role?.respondent_role).toBe("young_person");

      // A double tap stores the start once.
      const before = await responsesOfSurvey();
      await phone.send(`/s/${app.publicIds[SLUG]}`, { idempotency_key: key, participate: "yes", special_category: "yes", quotes: "yes" });
      expect(await responsesOfSurvey()).toBe(before);
      expect(await consentsOf(responseId)).toHaveLength(4);
    },
  );

  it.skipIf(skip)("in Urdu, without the optional box: quotes not given, the consents in Urdu", { timeout: 60_000 }, async () => {
    const phone = new Device(app);
    await phone.visit("/language?to=ur&back=/");
    const { key, html } = await openStart(phone);
    expect(html).toContain('dir="rtl"');
    const started = await phone.visit(`/s/${app.publicIds[SLUG]}`, { idempotency_key: key, participate: "yes", special_category: "yes" });
    expect(started.path).toContain("/q/");
    const version = consentWordingVersion("young_person", true);
    expect(await consentsOf(responseIdOf(phone))).toEqual([
      { purpose: "follow_up", granted: 0, wording_version: version, language: "ur" },
      { purpose: "participate", granted: 1, wording_version: version, language: "ur" },
      { purpose: "quotes", granted: 0, wording_version: version, language: "ur" },
      { purpose: "special_category", granted: 1, wording_version: version, language: "ur" },
    ]);
  });

  it.skipIf(skip)(
    "a needed box left empty: the page again with an easy read error, the ticks kept, nothing stored",
    { timeout: 60_000 },
    async () => {
      const phone = new Device(app);
      const { key } = await openStart(phone);
      const before = await responsesOfSurvey();
      const response = await phone.send(`/s/${app.publicIds[SLUG]}`, { idempotency_key: key, participate: "yes", quotes: "yes" });
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain("error-summary");
      expect(html).toContain('href="#special_category"');
      expect(html).toContain("Tick the box to say the forum can keep your answers");
      expect(html).not.toContain("your child");
      expect(/<input[^>]*id="participate"[^>]*>/.exec(html)?.[0]).toContain("checked");
      expect(/<input[^>]*id="quotes"[^>]*>/.exec(html)?.[0]).toContain("checked");
      expect(/<input[^>]*id="special_category"[^>]*>/.exec(html)?.[0]).not.toContain("checked");
      expect(await responsesOfSurvey()).toBe(before);
      expect(phone.cookies.has("response")).toBe(false);
    },
  );

  it.skipIf(skip)("the parents' survey still records the standard wording and takes contact details", { timeout: 60_000 }, async () => {
    const phone = new Device(app);
    const publicId = app.publicIds["parent-carer-experience"];
    const page = await phone.visit(`/s/${publicId}`);
    expect(page.html).toContain('name="contact_detail"');
    const key = /name="idempotency_key" value="([^"]+)"/.exec(page.html)![1];
    await phone.visit(`/s/${publicId}`, {
      idempotency_key: key,
      participate: "yes",
      special_category: "yes",
      follow_up: "yes",
      contact_detail: "parent@example.org",
    });
    const rows = await consentsOf(responseIdOf(phone));
    expect(rows.map((r) => [r.purpose, r.granted, r.wording_version])).toEqual([
      ["follow_up", 1, CONSENT_WORDING_VERSION],
      ["participate", 1, CONSENT_WORDING_VERSION],
      ["quotes", 0, CONSENT_WORDING_VERSION],
      ["special_category", 1, CONSENT_WORDING_VERSION],
    ]);
  });
});
