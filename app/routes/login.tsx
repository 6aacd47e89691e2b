import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import * as z from "zod";
import { createSession, getSession } from "~/auth/session.server";
import { Button, ErrorSummary, TextField } from "~/components/forms";
import { getDb } from "~/db.server";
import { translator } from "~/i18n";
import { recordAudit } from "~/models/audit.server";
import { decoyPasswordHash, findUserByEmail, normaliseEmail, verifyPassword } from "~/models/users.server";
import { clientAddress, recordSignInFailure, signInAllowance } from "~/auth/rate-limit.server";
import { safeNext } from "~/auth/staff-forms.server";
import { readForm } from "~/http.server";

export const meta: MetaFunction = () => [{ title: "Sign in" }];

const LoginForm = z.object({
  email: z.string().trim().min(1, "Enter your email address").max(320, "Enter a correct email address and password"),
  password: z.string().min(1, "Enter your password").max(1024, "Enter a correct email address and password"),
  next: z.string().max(500).optional(),
});

const FAILED = "Enter a correct email address and password";
const WINDOW_MS = 15 * 60_000;

export async function loader({ request }: LoaderFunctionArgs) {
  const next = safeNext(new URL(request.url).searchParams.get("next"));
  const session = await getSession(request);
  if (session && (session.mfaPassed || !session.user.totpEnabled)) throw redirect(next);
  return { next, passwordReset: new URL(request.url).searchParams.get("done") === "password_reset" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = Object.fromEntries(await readForm(request));
  const email = typeof form.email === "string" ? form.email.slice(0, 320) : "";
  const parsed = LoginForm.safeParse(form);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return json({ error: { field: String(issue.path[0]), text: issue.message }, email }, { status: 400 });
  }
  const account = normaliseEmail(parsed.data.email);
  // Failed attempts are counted whether or not the account exists (see signInAllowance).
  const address = clientAddress(context);
  const db = getDb();
  const allowance = await signInAllowance(db, account, address, WINDOW_MS);
  if (allowance.refused) {
    await recordAudit(db, { forumId: null, actor: "anonymous", action: "login.rate_limited", subject: account });
    return json(
      { error: { field: "email", text: "Too many attempts to sign in from here. Wait 15 minutes and try again." }, email },
      { status: 429 },
    );
  }
  if (allowance.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, allowance.delayMs));
  const user = await findUserByEmail(db, account);
  // Always run the hash, so the time taken does not tell whether the account exists.
  const valid = await verifyPassword(parsed.data.password, user?.passwordHash ?? (await decoyPasswordHash()));
  if (!user || !valid || user.disabled) {
    await recordSignInFailure(db, account, address, WINDOW_MS);
    await recordAudit(db, { forumId: null, actor: user?.id ?? "anonymous", action: "login.failed", subject: account });
    return json({ error: { field: "email", text: FAILED }, email }, { status: 401 });
  }
  const cookie = await createSession(db, request, user.id, { mfaPassed: !user.totpEnabled });
  await recordAudit(db, { forumId: null, actor: user.id, action: "login.succeeded" });
  const next = safeNext(parsed.data.next);
  return redirect(user.totpEnabled ? `/login/two-factor?next=${encodeURIComponent(next)}` : next, {
    headers: { "Set-Cookie": cookie },
  });
}

export default function Login() {
  const { next, passwordReset } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = translator("en");
  const error = result?.error;
  return (
    <>
      <ErrorSummary errors={error ? [{ href: `#${error.field}`, text: error.text }] : []} t={t} />
      {passwordReset && !error ? (
        <div className="notification" role="status">
          <p className="notification__title">Your password has been changed. Sign in with your new password.</p>
        </div>
      ) : null}
      <h1 className="heading-l">Sign in</h1>
      <p className="body">For forum admins, moderators and board members. Parents and carers do not need an account.</p>
      <form method="post" noValidate>
        <input type="hidden" name="next" value={next} />
        <TextField
          id="email"
          name="email"
          label="Email address"
          value={result?.email}
          autoComplete="username"
          inputMode="email"
          error={error?.field === "email" ? error.text : undefined}
          t={t}
        />
        <div className={`form-group${error?.field === "password" ? " form-group--error" : ""}`}>
          <label className="label" htmlFor="password">
            Password
          </label>
          {error?.field === "password" ? (
            <p className="error-message" id="password-error">
              {error.text}
            </p>
          ) : null}
          <input className="input" id="password" name="password" type="password" autoComplete="current-password" />
        </div>
        <Button>Sign in</Button>
      </form>
      <p className="body">Forgotten your password? Ask a forum admin for a reset link.</p>
    </>
  );
}
