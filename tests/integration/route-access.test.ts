import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/db.server";
import { ensureQueued } from "~/models/moderation-queue.server";
import { findPublishedSurvey } from "~/models/published-surveys.server";
import { createForum } from "~/models/forums.server";
import { addMembership, createUser } from "~/models/users.server";
import type { Role } from "../../db/schema";
import { submitAnswers, minimalParentAnswers } from "../factories";
import { signInCookie } from "../support/http";
import { DEMO_PASSWORD, startApp, type RunningApp } from "../support/app";

/**
 * Every route of the built app, called anonymously, as each role, and as an admin of another
 * forum, for GET and for POST. A route missing from this table fails the test: a new page must
 * say who may open it.
 *
 * public: anyone; staff: any signed-in member; a role list: those roles (an admin may do
 * everything in the forum); token: the JSON API's bearer token; operator: installation operators
 * only (the demo's admin is one; the other forum's admin, moderators and board members are not).
 */
type Access = "public" | "staff" | "token" | "operator" | Role[];
const ACCESS: Record<string, Access> = {
  "/": "public",
  "/*": "public",
  "/healthz": "public",
  "/language": "public",
  "/privacy": "public",
  "/accessibility": "public",
  "/methodology": "public",
  "/network/:template/:kpiId": "public",
  "/resume": "public",
  "/resume/:code": "public",
  "/receipt": "public",
  "/receipt/withdrawn": "public",
  "/i/:token": "public",
  "/s/:publicId": "public",
  "/s/:publicId/q/:code": "public",
  "/s/:publicId/check": "public",
  "/s/:publicId/done": "public",
  "/s/:publicId/save": "public",
  "/s/:publicId/continue": "public",
  "/s/:publicId/stop-entering": "public",
  "/login": "public",
  "/login/two-factor": "public",
  "/logout": "public",
  "/join/:token": "public",
  "/reset/:token": "public",
  "/you-said-we-did": "public",
  "/you-said-we-did.atom": "public",
  "/you-said-we-did/:reference": "public",
  "/results/:publicId": "public",
  "/account": "staff",
  "/account/two-factor": "public",
  "/admin": "staff",
  "/admin/users": ["admin"],
  "/admin/users/:userId": ["admin"],
  "/admin/audit": ["admin"],
  "/admin/audit.csv": ["admin"],
  "/admin/surveys": ["admin"],
  "/admin/surveys/new": ["admin"],
  "/admin/surveys/:surveyId": ["admin"],
  "/admin/surveys/:surveyId/edit": ["admin"],
  "/admin/surveys/:surveyId/preview": ["admin"],
  "/admin/surveys/:surveyId/share": ["admin"],
  "/admin/surveys/:surveyId/qr.png": ["admin"],
  "/admin/surveys/:surveyId/qr.svg": ["admin"],
  "/admin/surveys/:surveyId/invitations.csv": ["admin"],
  "/admin/surveys/:surveyId/import": ["admin"],
  "/admin/surveys/:surveyId/responses.csv": ["admin"],
  "/admin/surveys/:surveyId/texts.csv": ["admin"],
  "/admin/surveys/:surveyId/texts.xlsx": ["admin"],
  "/admin/surveys/:surveyId/translations": ["admin"],
  "/admin/surveys/:surveyId/remove-language/:language": ["admin"],
  "/admin/surveys/:surveyId/assist": ["admin"],
  "/admin/kpis": ["admin"],
  "/admin/api-tokens": ["admin"],
  "/admin/retention": ["admin"],
  "/admin/languages": ["admin"],
  "/admin/network": ["admin"],
  "/admin/network.csv": ["admin"],
  "/admin/forums": "operator",
  "/admin/network-counts": "operator",
  "/admin/moderation": ["moderator"],
  "/admin/moderation/:itemId": ["moderator"],
  "/admin/moderation/terms": ["moderator"],
  "/admin/moderation/safeguarding": ["moderator"],
  "/admin/contact-requests": ["moderator"],
  "/admin/contact-requests/:contactId": ["moderator"],
  "/admin/you-said-we-did": ["moderator"],
  "/admin/you-said-we-did/new": ["moderator"],
  "/admin/you-said-we-did/:itemId": ["moderator"],
  "/board": ["board"],
  "/board/pack": ["board"],
  "/board/export.csv": ["board"],
  "/board/export.xlsx": ["board"],
  "/board/you-said-we-did": ["board"],
  "/board/you-said-we-did.csv": ["board"],
  "/api/v1/kpis": "token",
};

/** Pages only the forum's safeguarding lead (or an admin) may open, whatever the role list says. */
const SAFEGUARDING_LEAD_ONLY = new Set(["/admin/moderation/safeguarding", "/admin/contact-requests", "/admin/contact-requests/:contactId"]);

type Identity = "anonymous" | Role | "otherForumAdmin";
const IDENTITIES: Identity[] = ["anonymous", "admin", "moderator", "board", "otherForumAdmin"];

interface RouteInfo {
  pattern: string;
  hasLoader: boolean;
  hasAction: boolean;
  /** An index route under a layout: its forms post to `?index`, as Remix's own do. */
  index: boolean;
}

async function appRoutes(): Promise<RouteInfo[]> {
  const build = await import(pathToFileURL(path.resolve("build/index.js")).href);
  const routes = build.routes as Record<string, { path?: string; parentId?: string; index?: boolean; module: Record<string, unknown> }>;
  const fullPath = (id: string): string => {
    const route = routes[id];
    const parent = route.parentId ? fullPath(route.parentId) : "";
    return route.path ? `${parent.replace(/\/$/, "")}/${route.path}` : parent;
  };
  return Object.keys(routes)
    .filter((id) => id !== "root")
    .map((id) => ({
      pattern: fullPath(id) || "/",
      hasLoader: typeof routes[id].module.loader === "function",
      hasAction: typeof routes[id].module.action === "function",
      index: routes[id].index === true,
    }));
}

describe("who can reach every route", () => {
  let app: RunningApp;
  let routes: RouteInfo[];
  const cookies: Partial<Record<Identity, string>> = {};
  const params: Record<string, string> = {};

  beforeAll(async () => {
    app = await startApp();
    routes = await appRoutes();
    const db = openDatabase(app.databaseUrl);
    try {
      const survey = (await findPublishedSurvey(db, app.publicIds["parent-carer-experience"]))!;
      await submitAnswers(db, survey, { ...minimalParentAnswers(), what_would_help: { kind: "text", text: "More help" } });
      // A parent who asked to be contacted.
      const { responseId } = await submitAnswers(db, survey, minimalParentAnswers());
      await db
        .insertInto("follow_up_contacts")
        .values({
          id: "contact-request-1",
          forum_id: survey.forumId,
          response_id: responseId,
          name: "A parent",
          contact: "01632 960000",
          created_at: new Date().toISOString(),
        })
        .execute();
      await ensureQueued(db, survey.forumId);
      const item = await db.selectFrom("moderation_items").select(["id"]).executeTakeFirstOrThrow();
      const moderator = await db.selectFrom("users").select(["id"]).where("email", "=", "moderator@example.org").executeTakeFirstOrThrow();
      Object.assign(params, {
        publicId: survey.publicId,
        surveyId: survey.id,
        code: "overall_experience",
        itemId: item.id,
        contactId: "contact-request-1",
        userId: moderator.id,
        token: "not-a-real-token-0000000000",
        reference: "YSWD-2026-001",
        template: "parent-carer-experience",
        kpiId: "K1",
      });
      const other = await createForum(db, { slug: "other-forum", name: "Another forum" });
      const otherAdmin = await createUser(db, { email: "admin@other.example.org", password: DEMO_PASSWORD });
      await addMembership(db, { userId: otherAdmin, forumId: other.id, role: "admin" });
    } finally {
      await db.destroy();
    }
    cookies.admin = await signInCookie(app, "admin@example.org", DEMO_PASSWORD);
    cookies.moderator = await signInCookie(app, "moderator@example.org", DEMO_PASSWORD);
    cookies.board = await signInCookie(app, "board@example.org", DEMO_PASSWORD);
    cookies.otherForumAdmin = await signInCookie(app, "admin@other.example.org", DEMO_PASSWORD);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("every route says who may open it", () => {
    const unclassified = routes.map((r) => r.pattern).filter((p) => !(p in ACCESS));
    expect(unclassified, "add these routes to ACCESS in this test").toEqual([]);
  });

  it("refuses every access that is not allowed, and never answers a bare request with a 500", async () => {
    const problems: string[] = [];
    // Signing out ends the session every later request is made with, so it goes last.
    const ordered = [...routes.filter((r) => r.pattern !== "/logout"), ...routes.filter((r) => r.pattern === "/logout")];
    for (const route of ordered) {
      const access = ACCESS[route.pattern];
      if (!access) continue;
      const url = app.url + route.pattern.replace(/:(\w+)/g, (_, name: string) => params[name] ?? "x");
      const objectInUrl = /:(surveyId|itemId|userId|contactId)/.test(route.pattern);
      for (const identity of IDENTITIES) {
        for (const method of ["GET", "POST"] as const) {
          if (method === "GET" && !route.hasLoader) continue;
          if (method === "POST" && !route.hasAction) continue;
          const response = await fetch(method === "POST" && route.index ? `${url}?index` : url, {
            method,
            redirect: "manual",
            headers: {
              Origin: app.url,
              ...(cookies[identity as Role] ? { Cookie: cookies[identity as Role]! } : {}),
              ...(method === "POST" ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
            },
            body: method === "POST" ? "" : undefined,
          });
          await response.arrayBuffer();
          const status = response.status;
          const toLogin = status === 302 && (response.headers.get("location") ?? "").startsWith("/login");
          const where = `${method} ${route.pattern} as ${identity}: ${status}`;
          if (status >= 500) problems.push(`${where} (server error)`);
          if (access === "public") continue;
          if (access === "token") {
            if (status !== 401) problems.push(`${where} (expected 401 without a token)`);
            continue;
          }
          if (identity === "anonymous") {
            if (!toLogin) problems.push(`${where} (expected a redirect to sign in)`);
            continue;
          }
          const role: Role = identity === "otherForumAdmin" ? "admin" : identity;
          if (access === "operator") {
            const operator = identity === "admin";
            if (!operator && status !== 403) problems.push(`${where} (expected 403 for anyone who is not an operator)`);
            if (operator && (toLogin || status === 403)) problems.push(`${where} (expected access)`);
            continue;
          }
          const allowed = access === "staff" || role === "admin" || (access.includes(role) && !SAFEGUARDING_LEAD_ONLY.has(route.pattern));
          if (!allowed) {
            if (status !== 403) problems.push(`${where} (expected 403)`);
          } else if (identity === "otherForumAdmin" && objectInUrl) {
            if (status !== 404) problems.push(`${where} (expected 404 for another forum's object)`);
          } else if (toLogin || status === 403) {
            problems.push(`${where} (expected access)`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
