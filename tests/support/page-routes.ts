/**
 * Every page of the app, by route, with who opens it and at which address, for the sweep in
 * tests/e2e/every-page-accessible.test.ts. A route of the built app that is in none of these
 * tables fails that test: a new page must be added here, and so checked.
 */
import type { Role } from "../../db/schema";

/** Values for the routes' parameters, found in the seeded demo forum. */
export interface RouteParams {
  /** The parents' survey. */
  publicId: string;
  youngPeopleId: string;
  surveyId: string;
  /** A moderation item with written words to read. */
  itemId: string;
  /** A "you said, we did" item, and the reference of one that is published. */
  yswdItemId: string;
  reference: string;
  /** A member of staff other than the admin. */
  userId: string;
  /** An unused SENCO invitation (/i/<token>), a join link and a password reset link. */
  invitation: string;
  joinToken: string;
  resetToken: string;
  /** A parent's request to be contacted. */
  contactId: string;
}

/** Who opens a page: anyone, or a signed-in member of staff in a role. */
export type Visitor = "public" | Role;

/** A staff page and the roles whose view of it differs (an admin may open every staff page). */
type StaffPage = { roles: Role[]; path: (p: RouteParams) => string };

/** Public pages, opened by address. */
export const PUBLIC_PAGES: Record<string, (p: RouteParams) => string[]> = {
  "/": () => ["/"],
  "/privacy": () => ["/privacy"],
  "/accessibility": () => ["/accessibility"],
  "/methodology": () => ["/methodology"],
  "/network/:template/:kpiId": () => ["/network/parent-carer-experience/K1"],
  "/resume": () => ["/resume"],
  "/receipt": () => ["/receipt"],
  "/receipt/withdrawn": () => ["/receipt/withdrawn"],
  "/i/:token": (p) => [p.invitation],
  "/s/:publicId": (p) => [`/s/${p.publicId}`, `/s/${p.youngPeopleId}`],
  "/you-said-we-did": () => ["/you-said-we-did"],
  "/you-said-we-did/:reference": (p) => [`/you-said-we-did/${p.reference}`],
  // The results page once as it opens, and once broken down by how responses were given.
  "/results/:publicId": (p) => [`/results/${p.publicId}`, `/results/${p.publicId}?by=mode`],
  // Signing in and accounts are staff pages: English whatever the visitor's language.
  "/login": () => ["/login"],
  "/login/two-factor": () => ["/login/two-factor"],
  "/join/:token": (p) => [`/join/${p.joinToken}`],
  "/reset/:token": (p) => [`/reset/${p.resetToken}`],
};

/** Staff pages, opened by address, as each role allowed to open them. */
export const STAFF_PAGES: Record<string, StaffPage> = {
  "/admin": { roles: ["admin", "moderator", "board"], path: () => "/admin" },
  "/account": { roles: ["admin", "moderator", "board"], path: () => "/account" },
  "/account/two-factor": { roles: ["admin"], path: () => "/account/two-factor" },
  "/admin/users": { roles: ["admin"], path: () => "/admin/users" },
  "/admin/users/:userId": { roles: ["admin"], path: (p) => `/admin/users/${p.userId}` },
  "/admin/audit": { roles: ["admin"], path: () => "/admin/audit" },
  "/admin/surveys": { roles: ["admin"], path: () => "/admin/surveys" },
  "/admin/surveys/new": { roles: ["admin"], path: () => "/admin/surveys/new" },
  "/admin/surveys/:surveyId": { roles: ["admin"], path: (p) => `/admin/surveys/${p.surveyId}` },
  "/admin/surveys/:surveyId/edit": { roles: ["admin"], path: (p) => `/admin/surveys/${p.surveyId}/edit` },
  "/admin/surveys/:surveyId/preview": { roles: ["admin"], path: (p) => `/admin/surveys/${p.surveyId}/preview` },
  "/admin/surveys/:surveyId/share": { roles: ["admin"], path: (p) => `/admin/surveys/${p.surveyId}/share` },
  "/admin/surveys/:surveyId/import": { roles: ["admin"], path: (p) => `/admin/surveys/${p.surveyId}/import` },
  "/admin/surveys/:surveyId/translations": { roles: ["admin"], path: (p) => `/admin/surveys/${p.surveyId}/translations` },
  "/admin/surveys/:surveyId/remove-language/:language": {
    roles: ["admin"],
    path: (p) => `/admin/surveys/${p.surveyId}/remove-language/ur`,
  },
  "/admin/surveys/:surveyId/assist": { roles: ["admin"], path: (p) => `/admin/surveys/${p.surveyId}/assist` },
  "/admin/kpis": { roles: ["admin"], path: () => "/admin/kpis" },
  "/admin/api-tokens": { roles: ["admin"], path: () => "/admin/api-tokens" },
  "/admin/retention": { roles: ["admin"], path: () => "/admin/retention" },
  "/admin/languages": { roles: ["admin"], path: () => "/admin/languages" },
  "/admin/moderation": { roles: ["admin", "moderator"], path: () => "/admin/moderation" },
  "/admin/moderation/:itemId": { roles: ["admin", "moderator"], path: (p) => `/admin/moderation/${p.itemId}` },
  "/admin/moderation/terms": { roles: ["admin", "moderator"], path: () => "/admin/moderation/terms" },
  // Only the safeguarding lead opens it; in the demo forum that is the admin.
  "/admin/moderation/safeguarding": { roles: ["admin"], path: () => "/admin/moderation/safeguarding" },
  "/admin/you-said-we-did": { roles: ["admin", "moderator"], path: () => "/admin/you-said-we-did" },
  "/admin/you-said-we-did/new": { roles: ["admin", "moderator"], path: () => "/admin/you-said-we-did/new" },
  "/admin/you-said-we-did/:itemId": { roles: ["admin", "moderator"], path: (p) => `/admin/you-said-we-did/${p.yswdItemId}` },
  // Admins and the safeguarding lead (the demo forum's admin).
  "/admin/contact-requests": { roles: ["admin"], path: () => "/admin/contact-requests" },
  "/admin/contact-requests/:contactId": { roles: ["admin"], path: (p) => `/admin/contact-requests/${p.contactId}` },
  "/admin/network": { roles: ["admin"], path: () => "/admin/network" },
  // Installation operators' pages: the demo forum's admin is an operator.
  "/admin/forums": { roles: ["admin"], path: () => "/admin/forums" },
  "/admin/network-counts": { roles: ["admin"], path: () => "/admin/network-counts" },
  "/board": { roles: ["admin", "board"], path: () => "/board" },
  "/board/pack": { roles: ["admin", "board"], path: () => "/board/pack" },
  "/board/you-said-we-did": { roles: ["admin", "board"], path: () => "/board/you-said-we-did" },
};

/**
 * Pages of a survey in progress, reached by answering it, not by address: the sweep walks the
 * parents' survey to check them. (`continue` only sends the parent on to where they stopped, and
 * `stop-entering` a volunteer back to the admin area.)
 */
export const JOURNEY_ROUTES = [
  "/s/:publicId/q/:code",
  "/s/:publicId/check",
  "/s/:publicId/save",
  "/s/:publicId/done",
  "/s/:publicId/continue",
  "/s/:publicId/stop-entering",
];

/** Routes that answer with something other than a page: a file, a feed, JSON or a redirect. */
export const NOT_PAGES = [
  // Any other address: the page-not-found page, checked on its own in the sweep.
  "/*",
  "/healthz",
  "/language",
  "/logout",
  "/resume/:code",
  "/you-said-we-did.atom",
  "/api/v1/kpis",
  "/admin/audit.csv",
  "/admin/network.csv",
  "/admin/surveys/:surveyId/qr.png",
  "/admin/surveys/:surveyId/qr.svg",
  "/admin/surveys/:surveyId/invitations.csv",
  "/admin/surveys/:surveyId/responses.csv",
  "/admin/surveys/:surveyId/texts.csv",
  "/admin/surveys/:surveyId/texts.xlsx",
  "/board/export.csv",
  "/board/export.xlsx",
  "/board/you-said-we-did.csv",
];

/** The addresses a visitor opens in the sweep, in order. */
export function pagesFor(visitor: Visitor, params: RouteParams): string[] {
  if (visitor === "public") return Object.values(PUBLIC_PAGES).flatMap((paths) => paths(params));
  return Object.values(STAFF_PAGES)
    .filter((page) => page.roles.includes(visitor))
    .map((page) => page.path(params));
}

/** Every route pattern the tables above account for. */
export const KNOWN_ROUTES = new Set([...Object.keys(PUBLIC_PAGES), ...Object.keys(STAFF_PAGES), ...JOURNEY_ROUTES, ...NOT_PAGES]);
