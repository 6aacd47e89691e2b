import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { getSession, markMfaPassed } from "~/auth/session.server";
import { Button, ErrorSummary, TextField } from "~/components/forms";
import { getDb } from "~/db.server";
import { translator } from "~/i18n";
import { recordAudit } from "~/models/audit.server";
import { allowAttempt } from "~/auth/rate-limit.server";
import { safeNext } from "~/auth/staff-forms.server";
import { acceptTotp } from "~/auth/totp.server";
import { readForm } from "~/http.server";
import { looksLikeRecoveryCode, spendRecoveryCode, unusedRecoveryCodeCount } from "~/models/recovery-codes.server";

export const meta: MetaFunction = () => [{ title: "Enter your security code" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getSession(request);
  if (!session) throw redirect("/login");
  return { next: safeNext(new URL(request.url).searchParams.get("next")) };
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await getSession(request);
  if (!session) throw redirect("/login");
  const form = await readForm(request);
  const code = String(form.get("code") ?? "").slice(0, 20);
  const next = safeNext(String(form.get("next") ?? ""));
  const db = getDb();
  if (!(await allowAttempt(db, `totp:${session.user.id}`, 5, 5 * 60_000))) {
    return json({ error: "Too many attempts. Wait 5 minutes and try again." }, { status: 429 });
  }
  const secret = session.user.totpSecret;
  if (secret && looksLikeRecoveryCode(code)) {
    if (!(await spendRecoveryCode(db, session.user.id, code, new Date()))) {
      await recordAudit(db, { forumId: null, actor: session.user.id, action: "login.recovery_code_failed" });
      return json({ error: "That recovery code is not right, or it has been used already" }, { status: 401 });
    }
    await markMfaPassed(db, session);
    const left = await unusedRecoveryCodeCount(db, session.user.id);
    await recordAudit(db, { forumId: null, actor: session.user.id, action: "login.recovery_code_used", detail: { codes_left: left } });
    // The person may have lost their phone: they land where they can set two-factor up again.
    return redirect("/account/two-factor?recovered=1");
  }
  if (!secret || !(await acceptTotp(db, session.user.id, secret, code))) {
    await recordAudit(db, { forumId: null, actor: session.user.id, action: "login.mfa_failed" });
    return json({ error: "Enter the 6-digit code from your authenticator app, or one of your recovery codes" }, { status: 401 });
  }
  await markMfaPassed(db, session);
  await recordAudit(db, { forumId: null, actor: session.user.id, action: "login.mfa_passed" });
  return redirect(next);
}

export default function TwoFactor() {
  const { next } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = translator("en");
  return (
    <>
      <ErrorSummary errors={result?.error ? [{ href: "#code", text: result.error }] : []} t={t} />
      <form method="post" noValidate>
        <input type="hidden" name="next" value={next} />
        <TextField
          id="code"
          name="code"
          label="Enter the 6-digit code from your authenticator app"
          asHeading
          hint="Lost your phone? Enter one of your recovery codes instead."
          autoComplete="one-time-code"
          width="code"
          error={result?.error}
          t={t}
        />
        <Button>Continue</Button>
      </form>
      <p className="body">No phone and no recovery codes? Ask an admin of your forum to turn two-factor authentication off for you.</p>
    </>
  );
}
