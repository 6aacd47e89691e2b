import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/db.server";
import { findPublishedSurvey } from "~/models/published-surveys.server";
import { signInCookie } from "../support/http";
import { DEMO_PASSWORD, startApp, type RunningApp } from "../support/app";

/**
 * The server's guard in front of the app, tried against the built server: forged cross-site
 * requests to every action (page, data request and resource route), bodies too big or not forms,
 * redirects to other sites, and the Content-Security-Policy on every kind of response.
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

/** Resident memory of a process now and at its peak, in MiB. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (field: string) => Number(status.match(new RegExp(`${field}:\\s+(\\d+)`))?.[1] ?? 0);
  return { rss: kib("VmRSS") / 1024, peak: kib("VmHWM") / 1024 };
}

/** A raw request, so the test controls every header and can send a body the server refuses early. */
function rawPost(url: string, headers: Record<string, string | number>, body: Buffer | null): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    // A connection of its own: a body declared longer than what is sent must not spill into the next request.
    const request = http.request(url, { method: "POST", headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (c: Buffer) => chunks.push(c));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
    });
    // The server answers a refused body before reading it; should the connection still be cut
    // while the body is sent, an answer already on its way may follow: a lost one is a failure.
    let answered = false;
    request.on("response", () => (answered = true));
    request.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE" && error.code !== "ECONNRESET") return reject(error);
      setTimeout(() => (answered ? undefined : reject(new Error(`The connection was cut with no answer (${error.code})`))), 2000);
    });
    if (body) request.write(body);
    request.end();
  });
}

describe("the request guard in front of the app", () => {
  let app: RunningApp;
  let routes: ActionRoute[];
  let adminCookie: string;
  let params: Record<string, string>;

  async function auditCount(): Promise<number> {
    const db = openDatabase(app.databaseUrl);
    try {
      const row = await db
        .selectFrom("audit_log")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    } finally {
      await db.destroy();
    }
  }

  beforeAll(async () => {
    app = await startApp();
    routes = await actionRoutes();
    adminCookie = await signInCookie(app, "admin@example.org");
    const db = openDatabase(app.databaseUrl);
    try {
      const survey = await findPublishedSurvey(db, app.publicIds["parent-carer-experience"]);
      if (!survey) throw new Error("The demo parent survey is missing");
      params = { publicId: survey.publicId, surveyId: String(survey.id), code: "overall_experience", itemId: "1", userId: "1", token: "x" };
    } finally {
      await db.destroy();
    }
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("refuses a forged request to every action with 403, as a page, a data request and a resource route", async () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.map((r) => r.pattern)).toContain("/logout");
    const before = await auditCount();
    const wrong: string[] = [];
    const forgeries: Record<string, Record<string, string>> = {
      "a foreign Origin": { Origin: "https://evil.example" },
      "Origin: null": { Origin: "null" },
      "no Origin and no Referer": {},
      "no Origin and a foreign Referer": { Referer: "https://evil.example/page" },
    };
    for (const route of routes) {
      const target = app.url + route.pattern.replace(/:(\w+)/g, (_, name: string) => params[name] ?? "x");
      for (const [forgery, headers] of Object.entries(forgeries)) {
        for (const url of [target, `${target}?_data=${encodeURIComponent(route.id)}`]) {
          const response = await fetch(url, {
            method: "POST",
            redirect: "manual",
            headers: { ...headers, Cookie: adminCookie, "Content-Type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams({ intent: "save", months: "1", email: "x@example.org" }),
          });
          const text = await response.text();
          if (response.status !== 403 || !text.includes("This form was not sent from this site")) {
            wrong.push(`${url.slice(app.url.length)} with ${forgery}: ${response.status}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(await auditCount(), "nothing was changed or recorded").toBe(before);
    const stillSignedIn = await fetch(`${app.url}/admin`, { redirect: "manual", headers: { Cookie: adminCookie } });
    expect(stillSignedIn.status, "a forged sign-out did not sign the admin out").toBe(200);
  });

  it("refuses a forged sign-in, and accepts one from the site's own page", async () => {
    const forged = await fetch(`${app.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example" },
      body: new URLSearchParams({ email: "admin@example.org", password: DEMO_PASSWORD }),
    });
    expect(forged.status).toBe(403);
    expect(forged.headers.get("set-cookie")).toBeNull();
    const fromReferer = await fetch(`${app.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Referer: `${app.url}/login` },
      body: new URLSearchParams({ email: "admin@example.org", password: DEMO_PASSWORD }),
    });
    expect(fromReferer.status).toBe(302);
  });

  it("refuses a 20 MB form before reading it, quickly and without the server's memory growing", async () => {
    const body = Buffer.alloc(20 * 1024 * 1024, "a");
    const before = memoryOf(app.pid);
    const started = performance.now();
    const refused = await rawPost(
      `${app.url}/admin/users`,
      { Origin: app.url, Cookie: adminCookie, "Content-Type": "application/x-www-form-urlencoded", "Content-Length": body.length },
      body,
    );
    const took = performance.now() - started;
    const after = memoryOf(app.pid);
    console.log(
      `A 20 MB form refused with ${refused.status} in ${took.toFixed(0)} ms; server RSS ${before.rss.toFixed(0)} → ${after.rss.toFixed(0)} MiB.`,
    );
    expect(refused.status).toBe(413);
    expect(refused.text).toContain("What you sent is too big");
    // The body was never read: the server's peak memory did not take in 20 MB.
    expect(after.peak - before.peak).toBeLessThan(15);

    // Every client that sends a body too big gets the answer, never a reset connection:
    // the server reads the rest away instead of closing on unread bytes.
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const again = await rawPost(
        `${app.url}/login`,
        { Origin: app.url, "Content-Type": "application/x-www-form-urlencoded", "Content-Length": body.length },
        body,
      );
      statuses.push(again.status);
    }
    expect(statuses).toEqual(Array(12).fill(413));
  });

  it("refuses an upload bigger than the import's own limit with 413", async () => {
    const response = await rawPost(
      `${app.url}/admin/surveys/${params.surveyId}/import`,
      { Origin: app.url, Cookie: adminCookie, "Content-Type": "multipart/form-data; boundary=x", "Content-Length": 25 * 1024 * 1024 },
      null,
    );
    expect(response.status).toBe(413);
    expect(response.text).toContain("up to 20 MB");
  });

  it("answers every body that is not a form with a 4xx and a message, never a 500", async () => {
    const start = `${app.url}/s/${params.publicId}`;
    const bodies: [string, Record<string, string>, Buffer][] = [
      ["no Content-Type", {}, Buffer.from("consent=yes")],
      ["text/plain", { "Content-Type": "text/plain" }, Buffer.from("consent=yes")],
      ["JSON", { "Content-Type": "application/json" }, Buffer.from('{"consent":"yes"}')],
      ["broken multipart", { "Content-Type": "multipart/form-data; boundary=zz" }, Buffer.from("--zz\r\nnonsense")],
      [
        "random bytes as a form",
        { "Content-Type": "application/x-www-form-urlencoded" },
        Buffer.from([0, 255, 37, 37, 61, 38, 200, 13, 10]),
      ],
    ];
    const statuses: string[] = [];
    for (const [name, headers, body] of bodies) {
      const response = await rawPost(start, { Origin: app.url, ...headers, "Content-Length": body.length }, body);
      statuses.push(`${name}: ${response.status >= 400 && response.status < 500 ? "4xx" : response.status}`);
      expect(response.text.length, name).toBeGreaterThan(0);
    }
    expect(statuses).toEqual(bodies.map(([name]) => `${name}: 4xx`));
    const brokenImport = await rawPost(
      `${app.url}/admin/surveys/${params.surveyId}/import`,
      { Origin: app.url, Cookie: adminCookie, "Content-Type": "multipart/form-data; boundary=zz", "Content-Length": 14 },
      Buffer.from("--zz\r\nnonsense"),
    );
    expect(brokenImport.status).toBe(400);
  });

  it("never sends someone signing in to another site, whatever `next` says", async () => {
    const hostile = [
      "/\t/evil.example",
      "//evil.example",
      "/\\evil.example",
      "https://evil.example/",
      "/\r\nSet-Cookie: x=1",
      "/élan",
      "/%0d%0aX: y",
    ];
    for (const next of hostile) {
      const page = await fetch(`${app.url}/login?next=${encodeURIComponent(next)}`, { redirect: "manual" });
      expect(page.status, next).toBe(200);
      const response = await fetch(`${app.url}/login?next=${encodeURIComponent(next)}`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.url },
        body: new URLSearchParams({ email: "board@example.org", password: DEMO_PASSWORD, next }),
      });
      expect(response.status, next).toBe(302);
      const location = new URL(response.headers.get("location") ?? "", app.url);
      expect(location.origin, next).toBe(app.url);
      expect(response.headers.get("x"), next).toBeNull();
    }
    for (const back of ["/\t/evil.example", "/\nx", "/ü"]) {
      const response = await fetch(`${app.url}/language?to=ur&back=${encodeURIComponent(back)}`, { redirect: "manual" });
      expect(response.status, back).toBe(302);
      expect(new URL(response.headers.get("location") ?? "", app.url).origin, back).toBe(app.url);
    }
  });

  it("sends a strict Content-Security-Policy with a fresh nonce on pages, resource routes, files and refusals", async () => {
    const responses = await Promise.all([
      fetch(`${app.url}/`),
      fetch(`${app.url}/`),
      fetch(`${app.url}/you-said-we-did.atom`),
      fetch(`${app.url}/favicon.svg`),
      fetch(`${app.url}/logout`, { method: "POST", headers: { Origin: "https://evil.example" } }),
    ]);
    const policies = responses.map((r) => r.headers.get("content-security-policy") ?? "");
    for (const policy of policies) {
      expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}'/);
      expect(policy).toContain("object-src 'none'");
      expect(policy).toContain("frame-ancestors 'none'");
    }
    expect(policies[0]).not.toBe(policies[1]);
  });
});
