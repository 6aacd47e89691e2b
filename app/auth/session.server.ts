import { randomBytes } from "node:crypto";
import { json, redirect } from "@remix-run/node";
import { hashToken } from "~/codes.server";
import { isHttps, readCookie, serialiseCookie } from "~/cookies.server";
import { getDb, type DB } from "~/db.server";
import { recordAudit } from "~/models/audit.server";
import { deleteSession, findSession, insertSession, markSessionMfaPassed, setSessionForum, touchSession } from "~/models/sessions.server";
import { isOperator } from "~/models/operators.server";
import { findUserById, listMemberships, type Membership, type UserRecord } from "~/models/users.server";
import type { Role } from "../../db/schema";

/**
 * Sessions for forum staff and board members. The session id lives only in an HttpOnly cookie;
 * the database keeps its hash. Idle timeout 30 minutes, absolute 12 hours, a new id at every
 * login, and logout deletes the session server-side.
 */
export const IDLE_MINUTES = 30;
export const ABSOLUTE_HOURS = 12;

const SECURE_NAME = "__Host-session";
const PLAIN_NAME = "session";

/** `__Host-` prefixed (which requires Secure) whenever the cookie is Secure; a plain name otherwise. */
function sessionCookie(request: Request, value: string, maxAgeSeconds: number): string {
  return serialiseCookie(request, isHttps(request) ? SECURE_NAME : PLAIN_NAME, value, { maxAgeSeconds });
}

function readSessionId(request: Request): string | undefined {
  const id = readCookie(request, SECURE_NAME) ?? readCookie(request, PLAIN_NAME);
  return id && /^[A-Za-z0-9_-]{20,100}$/.test(id) ? id : undefined;
}

export interface StaffSession {
  idHash: string;
  user: UserRecord;
  memberships: Membership[];
  /** The forum the user is working in, with their role there. */
  membership: Membership | undefined;
  mfaPassed: boolean;
  /** An installation operator (operators.server.ts): may open the installation's own pages. */
  operator: boolean;
}

/** Starts a fresh session (a new id at every login) and returns its Set-Cookie header. */
export async function createSession(
  db: DB,
  request: Request,
  userId: string,
  options: { mfaPassed: boolean; forumId?: string | null },
): Promise<string> {
  const existing = readSessionId(request);
  if (existing) await deleteSession(db, hashToken(existing));
  const id = randomBytes(32).toString("base64url");
  const now = new Date();
  const memberships = await listMemberships(db, userId);
  await insertSession(db, {
    idHash: hashToken(id),
    userId,
    forumId: options.forumId ?? memberships[0]?.forumId ?? null,
    mfaPassed: options.mfaPassed,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + ABSOLUTE_HOURS * 3_600_000).toISOString(),
  });
  return sessionCookie(request, id, ABSOLUTE_HOURS * 3600);
}

export async function getSession(request: Request, db: DB = getDb()): Promise<StaffSession | undefined> {
  const id = readSessionId(request);
  if (!id) return undefined;
  const idHash = hashToken(id);
  const row = await findSession(db, idHash);
  if (!row) return undefined;
  const now = new Date();
  const idleLimit = new Date(now.getTime() - IDLE_MINUTES * 60_000).toISOString();
  if (row.expires_at <= now.toISOString() || row.last_seen_at <= idleLimit) {
    await deleteSession(db, idHash);
    return undefined;
  }
  const user = await findUserById(db, row.user_id);
  if (!user || user.disabled) return undefined;
  // Sliding idle timeout; written at most once a minute to keep reads cheap.
  if (now.getTime() - Date.parse(row.last_seen_at) > 60_000) {
    await touchSession(db, idHash, now.toISOString());
  }
  const memberships = await listMemberships(db, user.id);
  return {
    idHash,
    user,
    memberships,
    membership: memberships.find((m) => m.forumId === row.forum_id) ?? memberships[0],
    mfaPassed: Number(row.mfa_passed) === 1,
    operator: await isOperator(db, user.id),
  };
}

export async function destroySession(request: Request, db: DB = getDb()): Promise<string> {
  const id = readSessionId(request);
  if (id) await deleteSession(db, hashToken(id));
  return sessionCookie(request, "", 0);
}

export async function switchForum(db: DB, session: StaffSession, forumId: string): Promise<boolean> {
  if (!session.memberships.some((m) => m.forumId === forumId)) return false;
  await setSessionForum(db, session.idHash, forumId);
  return true;
}

export async function markMfaPassed(db: DB, session: StaffSession): Promise<void> {
  await markSessionMfaPassed(db, session.idHash);
}

export interface Staff {
  user: UserRecord;
  forumId: string;
  /** The forum's code (its slug): how the network and the command line name it. */
  forumCode: string;
  forumName: string;
  forumColour: string;
  role: Role;
  safeguardingLead: boolean;
  session: StaffSession;
}

/**
 * Every admin, moderator and board loader and action calls this itself: a layout's check does
 * not protect its children. Anonymous → the login page; logged in without the role → 403.
 * An admin may do everything in their forum.
 */
export async function requireRole(request: Request, roles: readonly Role[]): Promise<Staff> {
  const session = await getSession(request);
  const url = new URL(request.url);
  if (!session) throw redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  if (session.user.totpEnabled && !session.mfaPassed) throw redirect(`/login/two-factor?next=${encodeURIComponent(url.pathname)}`);
  const membership = session.membership;
  if (!membership) throw json({ title: "You do not have access", body: "Your account is not a member of any forum." }, { status: 403 });
  if (membership.requireMfa && membership.role !== "board" && !session.user.totpEnabled && !url.pathname.startsWith("/account")) {
    throw redirect("/account/two-factor?required=1");
  }
  const allowed = membership.role === "admin" || roles.includes(membership.role);
  if (!allowed) {
    throw json({ title: "You do not have access to this page", body: "Ask a forum admin if you need it." }, { status: 403 });
  }
  return {
    user: session.user,
    forumId: membership.forumId,
    forumCode: membership.forumSlug,
    forumName: membership.forumName,
    forumColour: membership.forumColour,
    role: membership.role,
    safeguardingLead: membership.safeguardingLead,
    session,
  };
}

/**
 * The installation's own pages (creating forums, outside forums' counts files): a signed-in
 * member who is an installation operator, whatever their role in the forum they work in. Anyone
 * else signed in gets 403, forum admins included.
 */
export async function requireOperator(request: Request): Promise<Staff> {
  const staff = await requireRole(request, ["admin", "moderator", "board"]);
  if (!staff.session.operator) {
    throw json(
      {
        title: "You do not have access to this page",
        body: "Only the people who run this installation may open it. A forum's admin manages their own forum under Network.",
      },
      { status: 403 },
    );
  }
  return staff;
}

/** Any logged-in staff member (account pages). */
export async function requireStaff(request: Request) {
  return requireRole(request, ["admin", "moderator", "board"]);
}

export async function audit(
  staff: Staff,
  action: string,
  subject?: string | null,
  detail?: Record<string, string | number | boolean | null>,
) {
  await recordAudit(getDb(), { forumId: staff.forumId, actor: staff.user.id, action, subject, detail });
}
