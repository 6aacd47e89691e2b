import path from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/db.server";
import { findPublishedSurvey } from "~/models/published-surveys.server";
import { signInCookie } from "../support/http";
import { startApp, type RunningApp } from "../support/app";

/**
 * Random and hostile bodies, posted from the site's own origin to every action of the built app,
 * public and staff: whatever arrives, the answer is never a 5xx, and afterwards no stored text
 * holds a control character and no response is half stored.
 */

interface ActionRoute {
  id: string;
  pattern: string;
}

async function actionRoutes(): Promise<ActionRoute[]> {
  const build = await import(pathToFileURL(path.resolve("build/index.js")).href);
  const routes = build.routes as Record<string, { path?: string; parentId?: string; module: Record<string, unknown> }>;
  const fullPath = (id: string): string => {
    const route = routes[id];
    const parent = route.parentId ? fullPath(route.parentId) : "";
    return route.path ? `${parent.replace(/\/$/, "")}/${route.path}` : parent;
  };
  return Object.keys(routes)
    .filter((id) => typeof routes[id].module.action === "function")
    .map((id) => ({ id, pattern: fullPath(id) || "/" }));
}

/** Field names the app's forms use, so random bodies reach past "field missing" into validation. */
const FIELDS = [
  "intent",
  "code",
  "theme",
  "themes",
  "status",
  "id",
  "kpi",
  "email",
  "confirm",
  "confirm_shorter",
  "due",
  "title",
  "survey",
  "step",
  "slug",
  "role",
  "question",
  "period",
  "password",
  "note",
  "next",
  "back",
  "label",
  "item",
  "audience",
  "answer",
  "visibility",
  "term",
  "target",
  "segment",
  "resolution",
  "redacted",
  "quotes",
  "participate",
  "special_category",
  "follow_up",
  "months",
  "name",
  "kind",
  "idempotency_key",
  "definition_json",
  "contact_name",
  "contact_detail",
  "chosen_language",
  "language",
  "mode",
  "access",
  "text",
];

const CONTROL = "\u0000\u0001\u0007\u0008\u000b\u000c\u000e\u001b\u007f";
const hostileText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.string({ maxLength: 20 }).map((s) => `${s}${CONTROL}${s}`),
  fc.constantFrom(
    "yes",
    "on",
    "save",
    "approve",
    "reject",
    "publish",
    "delete",
    "withdraw",
    "find",
    "0",
    "-1",
    "1e309",
    "NaN",
    "9999999999999999999999",
    "<script>alert(1)</script>",
    '=HYPERLINK("http://evil.example")',
    "'; drop table responses; --",
    "/\t/evil.example",
    "/\r\nSet-Cookie: x=1",
    '{"__proto__":{"x":1}}',
    "[]",
    "null",
    "\u202e\u0000",
    "اردو",
    "2026-02-30",
  ),
  fc.string({ minLength: 2000, maxLength: 20000 }),
);

const urlencodedBody = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ unit: "binary", maxLength: 12 })), hostileText), { maxLength: 12 })
  .map((pairs) => ({ type: "application/x-www-form-urlencoded", body: Buffer.from(new URLSearchParams(pairs).toString()) }));

const rawBody = fc.record({
  type: fc.constantFrom(
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=zz",
    "multipart/form-data",
    "text/plain",
    "application/json",
    "",
  ),
  body: fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes)),
});

const brokenMultipart = fc.tuple(fc.constantFrom(...FIELDS), hostileText).map(([name, value]) => ({
  type: "multipart/form-data; boundary=zz",
  body: Buffer.from(`--zz\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n--z`),
}));

/** Text a form field may store: tab, newline and carriage return, but no other control character. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return true;
  }
  return false;
}

/** Every stored text, in every table, that holds a control character. */
async function storedControlCharacters(databaseUrl: string): Promise<string[]> {
  const db = openDatabase(databaseUrl);
  try {
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(
      db,
    );
    const bad: string[] = [];
    for (const { name } of tables.rows) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db);
      for (const row of rows.rows) {
        for (const [column, value] of Object.entries(row)) {
          if (typeof value === "string" && hasControlCharacter(value)) bad.push(`${name}.${column}: ${JSON.stringify(value.slice(0, 60))}`);
        }
      }
    }
    return bad;
  } finally {
    await db.destroy();
  }
}

/** Page routes (those that render and take a POST), as URL patterns. */
async function pagePatterns(): Promise<ActionRoute[]> {
  const build = await import(pathToFileURL(path.resolve("build/index.js")).href);
  const modules = build.routes as Record<string, { module: Record<string, unknown> }>;
  return (await actionRoutes()).filter((r) => typeof modules[r.id].module.default === "function");
}

interface PageForm {
  page: string;
  identity: string;
  action: string;
  /** Every field with the value the page gives it (the first option of a choice). */
  fields: [string, string][];
  /** The fields a person types into: these get the hostile text. */
  typed: string[];
}

const attribute = (tag: string, name: string): string | undefined => tag.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1];
const unescapeHtml = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** The POST forms of a page, read from its HTML: what a person could send from it. */
function formsOf(html: string, page: string, identity: string): PageForm[] {
  const forms: PageForm[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    if ((attribute(match[1], "method") ?? "get").toLowerCase() !== "post") continue;
    if ((attribute(match[1], "enctype") ?? "").includes("multipart")) continue;
    const fields: [string, string][] = [];
    const typed: string[] = [];
    const seen = new Set<string>();
    for (const tag of match[2].matchAll(/<(input|textarea|select|button)\b([^>]*)>/g)) {
      const name = attribute(tag[2], "name");
      if (!name) continue;
      const type = (attribute(tag[2], "type") ?? (tag[1] === "input" ? "text" : tag[1])).toLowerCase();
      const value = unescapeHtml(attribute(tag[2], "value") ?? "");
      if (type === "submit" || tag[1] === "button") {
        if (!seen.has(name)) fields.push([name, value]);
      } else if (type === "radio" || type === "checkbox") {
        if (!seen.has(name)) fields.push([name, value || "on"]);
      } else if (tag[1] === "select") {
        const options = match[2].slice(tag.index ?? 0).match(/<option\b[^>]*value="([^"]*)"/);
        fields.push([name, unescapeHtml(options?.[1] ?? "")]);
      } else {
        fields.push([name, value]);
        if (type !== "hidden" && type !== "password") typed.push(name);
      }
      seen.add(name);
    }
    forms.push({ page, identity, action: unescapeHtml(attribute(match[1], "action") ?? page), fields, typed });
  }
  return forms;
}

describe("hostile bodies to every action", () => {
  let app: RunningApp;
  let routes: ActionRoute[];
  const cookies: Record<string, string> = {};
  let params: Record<string, string>;

  beforeAll(async () => {
    app = await startApp();
    routes = await actionRoutes();
    cookies.admin = await signInCookie(app, "admin@example.org");
    cookies.moderator = await signInCookie(app, "moderator@example.org");
    const db = openDatabase(app.databaseUrl);
    try {
      const survey = await findPublishedSurvey(db, app.publicIds["parent-carer-experience"]);
      if (!survey) throw new Error("The demo parent survey is missing");
      const user = await db.selectFrom("users").select("id").where("email", "=", "board@example.org").executeTakeFirstOrThrow();
      params = { publicId: survey.publicId, surveyId: String(survey.id), userId: String(user.id), code: "overall_experience", itemId: "1" };
    } finally {
      await db.destroy();
    }
    // A parent part-way through the survey, so question pages take the bodies rather than redirect.
    const start = await fetch(`${app.url}/s/${params.publicId}`);
    const key = (await start.text()).match(/name="idempotency_key" value="([^"]+)"/)?.[1] ?? "";
    const started = await fetch(`${app.url}/s/${params.publicId}`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.url },
      body: new URLSearchParams({
        idempotency_key: key,
        participate: "yes",
        special_category: "yes",
        follow_up: "yes",
        contact_name: "A parent",
        contact_detail: "01632 960000",
      }),
    });
    cookies.respondent = (started.headers.get("set-cookie") ?? "").split(";")[0];
    expect(cookies.respondent).toMatch(/=/);
    // The parent asked to be contacted: the contact request's page takes bodies too.
    const contactDb = openDatabase(app.databaseUrl);
    try {
      params.contactId = (await contactDb.selectFrom("follow_up_contacts").select("id").executeTakeFirstOrThrow()).id;
    } finally {
      await contactDb.destroy();
    }
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("answers every body to every action without a 5xx, and stores nothing outside its schema", async () => {
    const sent: string[] = [];
    const serverErrors: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.constantFrom("anonymous", "respondent", "admin", "moderator"),
        fc.boolean(),
        fc.oneof({ weight: 6, arbitrary: urlencodedBody }, { weight: 2, arbitrary: rawBody }, { weight: 1, arbitrary: brokenMultipart }),
        async (route, identity, asData, { type, body }) => {
          const target = app.url + route.pattern.replace(/:(\w+)/g, (_, name: string) => params[name] ?? "x");
          const url = asData ? `${target}?_data=${encodeURIComponent(route.id)}` : target;
          const headers: Record<string, string> = { Origin: app.url };
          if (type) headers["Content-Type"] = type;
          if (cookies[identity]) headers.Cookie = cookies[identity];
          const response = await fetch(url, { method: "POST", redirect: "manual", headers, body });
          await response.arrayBuffer();
          sent.push(route.pattern);
          if (response.status >= 500)
            serverErrors.push(`${response.status} ${route.pattern} as ${identity}: ${type} ${body.subarray(0, 80)}`);
          return true; // every 5xx is collected and listed below, not only the first
        },
      ),
      { numRuns: 1500, seed: 20261203, endOnFailure: true },
    );
    console.log(`Hostile bodies: ${sent.length} sent to ${new Set(sent).size} actions; ${serverErrors.length} answered with a 5xx.`);
    expect(serverErrors).toEqual([]);
    expect(new Set(sent).size).toBe(routes.length);

    const db = openDatabase(app.databaseUrl);
    try {
      expect(await storedControlCharacters(app.databaseUrl), "stored text with control characters").toEqual([]);
      const halfStored = await db
        .selectFrom("responses")
        .select(["id", "status"])
        .where((eb) => eb.and([eb("status", "=", "submitted"), eb.or([eb("receipt_hash", "is", null), eb("submitted_on", "is", null)])]))
        .execute();
      expect(halfStored, "submitted responses without a receipt or a date").toEqual([]);
      const orphans = await sql<{
        n: number;
      }>`select count(*) as n from answers where response_id not in (select id from responses)`.execute(db);
      expect(Number(orphans.rows[0].n), "answers without a response").toBe(0);
    } finally {
      await db.destroy();
    }
  });

  it("fills every typed field of every form with hostile text: no 5xx, and no control character stored", async () => {
    const db = openDatabase(app.databaseUrl);
    let itemId = "1";
    try {
      const item = await db.selectFrom("moderation_items").select("id").executeTakeFirst();
      if (item) itemId = String(item.id);
    } finally {
      await db.destroy();
    }
    const pages = (await pagePatterns())
      .filter((p) => !/:(token|reference)/.test(p.pattern))
      .map((p) => p.pattern.replace(/:(\w+)/g, (_, name: string) => (name === "itemId" ? itemId : (params[name] ?? "x"))));
    // The first test posted to /logout as everyone: sign in again.
    cookies.admin = await signInCookie(app, "admin@example.org");
    const forms: PageForm[] = [];
    for (const identity of ["respondent", "admin"]) {
      for (const page of pages) {
        const response = await fetch(app.url + page, {
          redirect: "manual",
          headers: cookies[identity] ? { Cookie: cookies[identity] } : {},
        });
        if (response.status === 200) forms.push(...formsOf(await response.text(), page, identity));
      }
    }
    const typedForms = forms.filter((f) => f.typed.length > 0 && f.action !== "/logout");
    expect(typedForms.length).toBeGreaterThan(15);
    const serverErrors: string[] = [];
    const statuses: Record<string, number> = {};
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...typedForms), hostileText, fc.nat(), async (form, text, which) => {
        const field = form.typed[which % form.typed.length];
        const body = new URLSearchParams(form.fields.map(([name, value]) => [name, name === field ? text : value]));
        const url = new URL(form.action, app.url + form.page);
        const response = await fetch(url, {
          method: "POST",
          redirect: "manual",
          headers: { Origin: app.url, "Content-Type": "application/x-www-form-urlencoded", Cookie: cookies[form.identity] ?? "" },
          body,
        });
        await response.arrayBuffer();
        sent += 1;
        const outcome = `${response.status}${(response.headers.get("location") ?? "").startsWith("/login") ? " to sign in" : ""}`;
        statuses[outcome] = (statuses[outcome] ?? 0) + 1;
        if (response.status >= 500)
          serverErrors.push(`${response.status} ${url.pathname} (${field}) as ${form.identity}: ${JSON.stringify(text.slice(0, 60))}`);
        return true;
      }),
      { numRuns: 1200, seed: 20261204 },
    );
    console.log(
      `Hostile text: ${sent} forms sent, from ${typedForms.length} forms on ${new Set(typedForms.map((f) => f.page)).size} pages; answered ${JSON.stringify(statuses)}.`,
    );
    expect(serverErrors).toEqual([]);
    expect(await storedControlCharacters(app.databaseUrl)).toEqual([]);
  });
});
