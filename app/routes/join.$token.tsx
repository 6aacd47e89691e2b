import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { isRouteErrorResponse, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import * as z from "zod";
import { createSession } from "~/auth/session.server";
import { ErrorPage } from "~/components/error-page";
import { ErrorSummary, TextField } from "~/components/forms";
import { PasswordField } from "~/components/password-field";
import { getDb, type DB } from "~/db.server";
import { passwordProblem, PASSWORD_MESSAGES } from "~/domain/passwords";
import { translator } from "~/i18n";
import { recordAudit } from "~/models/audit.server";
import { checkInvitation, joinWithInvitation, type Invitation } from "~/models/user-invitations.server";
import { decoyPasswordHash, findUserByEmail, findUserById, normaliseEmail, verifyPassword } from "~/models/users.server";
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
  return { forumName, role: invitation.role ? ROLE_NAMES[invitation.role] : null };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NewAccountForm = z.object({
  intent: z.literal("new"),
  email: z
    .string()
    .trim()
    .min(1, "Enter your email address")
    .max(320, "Email address must be 320 characters or fewer")
    .regex(EMAIL, "Enter an email address in the correct format, like name@example.com"),
  password: z.string().max(1024, PASSWORD_MESSAGES.too_long),
  confirm: z.string().max(1024),
});
const ExistingAccountForm = z.object({
  intent: z.literal("existing"),
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1, "Enter the password of your existing account").max(1024, "Enter the password of your existing account"),
});

type Errors = Record<string, string>;
const WINDOW_MS = 15 * 60_000;

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

function spentOrTaken(reason: "spent" | "email_taken" | "already_member", email: string) {
  if (reason === "spent") throw json(GONE, { status: 410 });
  if (reason === "already_member") {
    return json(
      { mode: "existing" as const, email, errors: { password: "You are already a member of this forum. Sign in instead." } as Errors },
      { status: 400 },
    );
  }
  return json({ mode: "existing" as const, email, errors: {} as Errors });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = getDb();
  const { invitation } = await usableInvitation(db, params.token);
  const form = Object.fromEntries(await readForm(request));
  const typedEmail = typeof form.email === "string" ? form.email.trim().slice(0, 320) : "";

  if (form.intent === "existing") {
    const parsed = ExistingAccountForm.safeParse(form);
    if (!parsed.success) {
      return json(
        { mode: "existing" as const, email: typedEmail, errors: { password: "Enter the password of your existing account" } as Errors },
        { status: 400 },
      );
    }
    const email = normaliseEmail(parsed.data.email);
    // The same count as the sign-in page, so this form is no way round its limit.
    const address = clientAddress(context);
    if ((await signInAllowance(db, email, address, WINDOW_MS)).refused) {
      return json(
        { mode: "existing" as const, email, errors: { password: "Too many attempts. Wait 15 minutes and try again." } as Errors },
        { status: 429 },
      );
    }
    const user = await findUserByEmail(db, email);
    const valid = await verifyPassword(parsed.data.password, user?.passwordHash ?? (await decoyPasswordHash()));
    if (!user || !valid || user.disabled) {
      await recordSignInFailure(db, email, address, WINDOW_MS);
      await recordAudit(db, { forumId: null, actor: user?.id ?? "anonymous", action: "login.failed", subject: email });
      return json(
        { mode: "existing" as const, email, errors: { password: "That is not the password of this account" } as Errors },
        { status: 400 },
      );
    }
    const joined = await joinWithInvitation(db, invitation, { userId: user.id });
    if (!joined.ok) return spentOrTaken(joined.reason, email);
    return signIn(request, db, invitation, user.id, true);
  }

  const parsed = NewAccountForm.safeParse({ ...form, intent: "new" });
  if (!parsed.success) {
    const errors: Errors = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
    return json({ mode: "new" as const, email: typedEmail, errors }, { status: 400 });
  }
  const email = normaliseEmail(parsed.data.email);
  // Throttles probing which addresses have accounts through one invitation link.
  if (!(await allowAttempt(db, `join:${invitation.tokenHash}`, 20, WINDOW_MS))) {
    return json(
      { mode: "new" as const, email, errors: { email: "Too many attempts. Wait 15 minutes and try again." } as Errors },
      { status: 429 },
    );
  }
  if (await findUserByEmail(db, email)) return json({ mode: "existing" as const, email, errors: {} as Errors });
  const errors: Errors = {};
  const problem = passwordProblem(parsed.data.password, email);
  if (problem) errors.password = PASSWORD_MESSAGES[problem];
  else if (parsed.data.confirm !== parsed.data.password) errors.confirm = "The passwords do not match. Type the same password twice.";
  if (Object.keys(errors).length > 0) return json({ mode: "new" as const, email, errors }, { status: 400 });
  const joined = await joinWithInvitation(db, invitation, { email, password: parsed.data.password });
  if (!joined.ok) return spentOrTaken(joined.reason, email);
  return signIn(request, db, invitation, joined.userId, false);
}

export default function Join() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = translator("en");
  const errors: Errors = result?.errors ?? {};
  const summary = <ErrorSummary errors={Object.entries(errors).map(([field, text]) => ({ href: `#${field}`, text }))} t={t} />;
  if (result?.mode === "existing") {
    return (
      <>
        {summary}
        <h1 className="heading-l">You already have an account</h1>
        <p className="body">
          {result.email} already has an account. Enter its password to join {data.forumName}
          {data.role ? ` as ${data.role}` : ""}.
        </p>
        <form method="post" noValidate>
          <input type="hidden" name="intent" value="existing" />
          <input type="hidden" name="email" value={result.email} />
          <input type="text" name="username" value={result.email} autoComplete="username" readOnly hidden />
          <PasswordField id="password" label="Password" error={errors.password} autoComplete="current-password" />
          <button type="submit" className="button">
            Join {data.forumName}
          </button>
        </form>
        <p className="body">Forgotten it? Ask a forum admin for a password reset link.</p>
      </>
    );
  }
  return (
    <>
      {summary}
      <h1 className="heading-l">Join {data.forumName}</h1>
      <p className="body">
        You have been invited{data.role ? ` as ${data.role}` : ""}. Choose the email address and password you will sign in with.
      </p>
      <form method="post" noValidate>
        <input type="hidden" name="intent" value="new" />
        <TextField
          id="email"
          name="email"
          label="Email address"
          value={result?.email}
          error={errors.email}
          autoComplete="username"
          inputMode="email"
          t={t}
        />
        <PasswordField
          id="password"
          label="Password"
          hint="At least 12 characters. Three unrelated words make a strong password."
          error={errors.password}
          autoComplete="new-password"
        />
        <PasswordField id="confirm" label="Type the password again" error={errors.confirm} autoComplete="new-password" />
        <button type="submit" className="button">
          Join
        </button>
      </form>
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
