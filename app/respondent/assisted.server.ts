import { randomBytes } from "node:crypto";
import { json, redirect } from "@remix-run/node";
import { getSession } from "~/auth/session.server";
import { hashToken } from "~/codes.server";
import { readCookie, serialiseCookie } from "~/cookies.server";
import { getDb } from "~/db.server";
import type { AssistedMode } from "~/domain/response-modes";
import { isUiLanguage, type UiLanguage } from "~/i18n";
import { createAssistedEntry, endAssistedEntry, findAssistedEntry } from "~/models/assisted-entries.server";
import type { PublishedSurvey } from "~/models/published-surveys.server";
import type { Role } from "../../db/schema";
import { LANGUAGE_COOKIE, languageCookie } from "./language.server";
import { RECEIPT_COOKIE, RESPONSE_COOKIE, RESUME_COOKIE, surveyPath } from "./survey-session.server";

/**
 * A member of staff entering a paper, phone or assisted response for someone goes through the
 * same pages a respondent does, in a browser marked as theirs. The mark is a random token in a
 * cookie scoped to the survey, naming a row in the database (assisted_entries); it counts only
 * while that member's own staff session is valid with a role that may enter responses in the
 * survey's forum, checked on every page and again at Send. A visitor who makes up a cookie or a
 * form field gets nothing from it: their response is `web`, as every respondent's own is.
 */

export const ASSISTED_COOKIE = "assisted";
/** Entering responses for someone is survey work, which the roles model gives admins. */
export const ENTER_FOR_SOMEONE_ROLES: readonly Role[] = ["admin"];
/**
 * The mark outlives a staff session (12 hours) on purpose: a volunteer whose sign-in ran out
 * part-way through is asked to sign in again, rather than having the response quietly counted
 * as the person's own online answer.
 */
const ENTRY_DAYS = 7;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export type AssistedState =
  | { state: "none" }
  | { state: "active"; mode: AssistedMode; userId: string }
  /** The member's staff session has ended (or waits for two-factor): they must sign in again. */
  | { state: "signed_out"; mode: AssistedMode }
  /** Signed in, but not as the member who started, or no longer with a role that may. */
  | { state: "refused"; mode: AssistedMode; reason: "other_member" | "role" };

function tokenOf(request: Request): string | null {
  const token = readCookie(request, ASSISTED_COOKIE);
  return token && TOKEN_PATTERN.test(token) ? token : null;
}

/** Whether this browser is entering a response for someone, and whether it still may. */
export async function readAssisted(request: Request, survey: PublishedSurvey): Promise<AssistedState> {
  const token = tokenOf(request);
  if (!token) return { state: "none" };
  const db = getDb();
  const entry = await findAssistedEntry(db, hashToken(token), survey.id, new Date());
  if (!entry || entry.forumId !== survey.forumId) return { state: "none" };
  const session = await getSession(request, db);
  if (!session || (session.user.totpEnabled && !session.mfaPassed)) return { state: "signed_out", mode: entry.mode };
  if (session.user.id !== entry.userId) return { state: "refused", mode: entry.mode, reason: "other_member" };
  const membership = session.memberships.find((m) => m.forumId === survey.forumId);
  const allowed = membership && ENTER_FOR_SOMEONE_ROLES.includes(membership.role) && !(membership.requireMfa && !session.user.totpEnabled);
  if (!allowed) return { state: "refused", mode: entry.mode, reason: "role" };
  return { state: "active", mode: entry.mode, userId: entry.userId };
}

function pathOf(request: Request): string {
  const url = new URL(request.url);
  return url.pathname + url.search;
}

/**
 * For the start form and Send: the mode and member to store the response under, or null for a
 * respondent's own (`web`). A member whose sign-in has ended is sent to sign in and back; one who
 * may no longer enter responses is refused, and nothing is stored.
 */
export async function assistedAuthority(request: Request, survey: PublishedSurvey): Promise<{ mode: AssistedMode; actor: string } | null> {
  const assisted = await readAssisted(request, survey);
  if (assisted.state === "none") return null;
  if (assisted.state === "active") return { mode: assisted.mode, actor: assisted.userId };
  if (assisted.state === "signed_out") throw redirect(`/login?next=${encodeURIComponent(pathOf(request))}`);
  throw json(
    {
      title: "You cannot enter this response",
      body:
        assisted.reason === "other_member"
          ? "Another member of staff started entering responses in this browser. Stop entering responses for someone (the link at the top of the survey's pages), then start again from the survey's admin page."
          : "Your account can no longer enter responses for someone in this forum. Ask a forum admin if you need to.",
    },
    { status: 403 },
  );
}

/** What the banner on each survey page needs: only for a browser entering a response for someone. */
export interface AssistedBannerData {
  mode: AssistedMode;
  state: "active" | "signed_out" | "refused";
  stop: string;
  signIn: string;
  another: string;
}

export function assistedBanner(request: Request, survey: PublishedSurvey, assisted: AssistedState): AssistedBannerData | null {
  if (assisted.state === "none") return null;
  return {
    mode: assisted.mode,
    state: assisted.state,
    stop: surveyPath(survey.publicId, "stop-entering"),
    signIn: `/login?next=${encodeURIComponent(pathOf(request))}`,
    another: surveyPath(survey.publicId),
  };
}

/** The banner's data for a survey page's loader. */
export async function assistedBannerFor(request: Request, survey: PublishedSurvey): Promise<AssistedBannerData | null> {
  return assistedBanner(request, survey, await readAssisted(request, survey));
}

/** Cookies that leave nothing of the last person's response in this browser: their place, receipt and resume code. */
function forgetResponse(request: Request, publicId: string): string[] {
  const path = surveyPath(publicId);
  return [RESPONSE_COOKIE, RECEIPT_COOKIE, RESUME_COOKIE].map((name) => serialiseCookie(request, name, "", { path, maxAgeSeconds: 0 }));
}

/**
 * Marks this browser as entering responses for someone, in the person's language: returns the
 * cookies to set. The role has been checked by the caller (the survey's admin page).
 */
export async function startAssistedEntry(
  request: Request,
  survey: { id: string; forumId: string; publicId: string },
  input: { userId: string; mode: AssistedMode; language: UiLanguage },
): Promise<string[]> {
  const token = randomBytes(32).toString("base64url");
  const now = new Date();
  const staffLanguage = readCookie(request, LANGUAGE_COOKIE);
  await createAssistedEntry(getDb(), {
    tokenHash: hashToken(token),
    forumId: survey.forumId,
    surveyId: survey.id,
    userId: input.userId,
    mode: input.mode,
    staffLanguage: isUiLanguage(staffLanguage) ? staffLanguage : null,
    now,
    expiresAt: new Date(now.getTime() + ENTRY_DAYS * 24 * 3600_000),
  });
  return [
    serialiseCookie(request, ASSISTED_COOKIE, token, { path: surveyPath(survey.publicId), maxAgeSeconds: ENTRY_DAYS * 24 * 3600 }),
    ...forgetResponse(request, survey.publicId),
    languageCookie(request, input.language),
  ];
}

/**
 * Stops entering responses for someone in this browser: the mark is deleted, the last person's
 * place forgotten, and the member's own interface language given back. `ended` says whether
 * there was a mark to end.
 */
export async function stopAssistedEntry(request: Request, survey: PublishedSurvey): Promise<{ ended: boolean; cookies: string[] }> {
  const token = tokenOf(request);
  const entry = token ? await endAssistedEntry(getDb(), hashToken(token), survey.id) : undefined;
  const cookies = [serialiseCookie(request, ASSISTED_COOKIE, "", { path: surveyPath(survey.publicId), maxAgeSeconds: 0 })];
  if (!entry) return { ended: false, cookies };
  cookies.push(...forgetResponse(request, survey.publicId));
  cookies.push(
    isUiLanguage(entry.staffLanguage)
      ? languageCookie(request, entry.staffLanguage)
      : serialiseCookie(request, LANGUAGE_COOKIE, "", { maxAgeSeconds: 0 }),
  );
  return { ended: true, cookies };
}
