import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { isRouteErrorResponse, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import * as z from "zod";
import { createSession } from "~/auth/session.server";
import { ErrorPage } from "~/components/error-page";
import { ErrorSummary } from "~/components/forms";
import { PasswordField } from "~/components/password-field";
import { getDb, type DB } from "~/db.server";
import { passwordProblem, PASSWORD_MESSAGES } from "~/domain/passwords";
import { translator } from "~/i18n";
import { recordAudit } from "~/models/audit.server";
import { checkInvitation, joinWithInvitation, type Invitation } from "~/models/user-invitations.server";
import { findUserByEmail, findUserById, verifyPassword } from "~/models/users.server";
import { allowAttempt, clientAddress, recordSignInFailure, signInAllowance } from "~/auth/rate-limit.server";
import type { Role } from "../../db/schema";
import { readForm } from "~/http.server";

export const meta: MetaFunction = () => [{ title: "Join your forum" }];

const ROLE_NAMES: Record<Role, string> = { admin: "an admin", moderator: "a moderator", board: "a board member" };

const GONE = {
  title: "This invitation link has been used or has expired",
  body: "Ask a forum admin for a new one.",
};

async function usableInvitation(db: DB, token: string | undefined) {
  const check = await checkInvitation(db, token ?? "", "join");
  if (check.state === "unknown") throw json(GONE, { status: 404 });
  if (check.state === "spent") throw json(GONE, { status: 410 });
  return check;
}

export async function loader({ params }: LoaderFunctionArgs) {
  const { invitation, forumName } = await usableInvitation(getDb(), params.token);
  return { forumName, email: invitation.email ?? "", role: invitation.role ? ROLE_NAMES[invitation.role] : null };
}

const JoinForm = z.object({
  password: z.string().min(1, "Enter a password").max(1024, PASSWORD_MESSAGES.too_long),
  confirm: z.string().max(1024).optional(),
});

type Errors = Record<string, string>;
const WINDOW_MS = 15 * 60_000;
const TOO_MANY = "Too many attempts. Wait 15 minutes and try again.";

async function signIn(request: Request, db: DB, invitation: Invitation, userId: string, existing: boolean) {
  await recordAudit(db, {
    forumId: invitation.forumId,
    actor: userId,
    action: "user.joined",
    subject: userId,
    detail: { role: invitation.role, existing_account: existing },
  });
  const user = await findUserById(db, userId);
  const totp = user?.totpEnabled ?? false;
  const cookie = await createSession(db, request, userId, { mfaPassed: !totp, forumId: invitation.forumId });
  return redirect(totp ? "/login/two-factor?next=%2Fadmin" : "/admin", { headers: { "Set-Cookie": cookie } });
}

function refused(errors: Errors, status = 400) {
  return json({ errors }, { status });
}

/**
 * The link names the address it was made for, and this page asks for no address: it shows the
 * same form whether or not that address already has an account, so it tells no one who has one.
 * An existing account joins with its own password; a new one is made with the password chosen.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = getDb();
  const { invitation } = await usableInvitation(db, params.token);
  const email = invitation.email ?? "";
  const parsed = JoinForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return refused({ password: parsed.error.issues[0].message });
  if (!(await allowAttempt(db, `join:${invitation.tokenHash}`, 20, WINDOW_MS))) return refused({ password: TOO_MANY }, 429);

  const user = await findUserByEmail(db, email);
  if (user) {
    // The same count as the sign-in page, so this form is no way round its limit.
    const address = clientAddress(context);
    if ((await signInAllowance(db, email, address, WINDOW_MS)).refused) return refused({ password: TOO_MANY }, 429);
    if (user.disabled || !(await verifyPassword(parsed.data.password, user.passwordHash))) {
      await recordSignInFailure(db, email, address, WINDOW_MS);
      await recordAudit(db, { forumId: null, actor: user.id, action: "login.failed", subject: email });
      return refused({
        password: `${email} already has an account, for another forum, and this is not its password. Enter that password, or ask a forum admin to reset it.`,
      });
    }
    const joined = await joinWithInvitation(db, invitation, { userId: user.id });
    if (!joined.ok) return spentOrMember(joined.reason);
    return signIn(request, db, invitation, user.id, true);
  }

  const errors: Errors = {};
  const problem = passwordProblem(parsed.data.password, email);
  if (problem) errors.password = PASSWORD_MESSAGES[problem];
  else if (parsed.data.confirm !== parsed.data.password) errors.confirm = "The passwords do not match. Type the same password twice.";
  if (Object.keys(errors).length > 0) return refused(errors);
  const joined = await joinWithInvitation(db, invitation, { password: parsed.data.password });
  if (!joined.ok) return spentOrMember(joined.reason);
  return signIn(request, db, invitation, joined.userId, false);
}

function spentOrMember(reason: "spent" | "email_taken" | "already_member") {
  if (reason === "already_member") return refused({ password: "You are already a member of this forum. Sign in instead." });
  if (reason === "email_taken")
    return refused({ password: "This address has just been given an account. Enter the password of that account." });
  // Spent by another request, or the address got an account a moment ago: the link is done.
  throw json(GONE, { status: 410 });
}

export default function Join() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = translator("en");
  const errors: Errors = result?.errors ?? {};
  return (
    <>
      <ErrorSummary errors={Object.entries(errors).map(([field, text]) => ({ href: `#${field}`, text }))} t={t} />
      <h1 className="heading-l">Join {data.forumName}</h1>
      <p className="body">
        You have been invited{data.role ? ` as ${data.role}` : ""}. You will sign in as <strong>{data.email}</strong>.
      </p>
      <form method="post" noValidate>
        <input type="text" name="username" value={data.email} autoComplete="username" readOnly hidden />
        <PasswordField
          id="password"
          label="Password"
          hint="If you already have an account with this address, for another forum, enter its password. If not, choose one: at least 12 characters. Three unrelated words make a strong password."
          error={errors.password}
          autoComplete="new-password"
        />
        <PasswordField
          id="confirm"
          label="Type the password again"
          hint="Only for a new password."
          error={errors.confirm}
          autoComplete="new-password"
        />
        <button type="submit" className="button">
          Join
        </button>
      </form>
      <p className="body">Not your address? Ask the forum admin who invited you for a new link.</p>
    </>
  );
}

/** A used, expired or unknown link explains itself, with the right status. */
export function ErrorBoundary() {
  const error = useRouteError();
  const t = translator("en");
  if (isRouteErrorResponse(error) && (error.status === 404 || error.status === 410)) {
    return <ErrorPage title={GONE.title} body={GONE.body} t={t} />;
  }
  return <ErrorPage title={t("error.title")} body={t("error.body")} t={t} />;
}
