import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { getSession, markMfaPassed } from "~/auth/session.server";
import { Button, ErrorSummary, TextField } from "~/components/forms";
import { getDb } from "~/db.server";
import { translator } from "~/i18n";
import { recordAudit } from "~/models/audit.server";
import { setTotp } from "~/models/users.server";
import { acceptTotp, newTotpSecret, totpQrSvg } from "~/auth/totp.server";
import { readForm } from "~/http.server";

export const meta: MetaFunction = () => [{ title: "Set up two-factor authentication" }];

/**
 * Enrolment: a new secret is kept (not yet enabled) until the user proves their app has it by
 * entering a code. Reachable while a forum's MFA requirement blocks every other staff page.
 */
async function requireSignedIn(request: Request) {
  const session = await getSession(request);
  if (!session) throw redirect(`/login?next=${encodeURIComponent("/account/two-factor")}`);
  if (session.user.totpEnabled && !session.mfaPassed) throw redirect("/login/two-factor?next=/account/two-factor");
  return session;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSignedIn(request);
  const db = getDb();
  let secret = session.user.totpEnabled ? null : session.user.totpSecret;
  if (!secret) {
    secret = newTotpSecret();
    await setTotp(db, session.user.id, secret, false);
  }
  const required = new URL(request.url).searchParams.get("required") === "1";
  return {
    required,
    enabled: session.user.totpEnabled,
    secret: session.user.totpEnabled ? null : secret,
    qr: session.user.totpEnabled ? null : await totpQrSvg(session.user.email, "Parent carer voice", secret),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await requireSignedIn(request);
  const form = await readForm(request);
  const db = getDb();
  const forumId = session.membership?.forumId ?? null;
  if (form.get("intent") === "disable") {
    if (session.membership?.requireMfa && session.membership.role !== "board") {
      return json({ error: "Your forum requires two-factor authentication for admins and moderators" }, { status: 400 });
    }
    await setTotp(db, session.user.id, null, false);
    await recordAudit(db, { forumId, actor: session.user.id, action: "mfa.disabled", subject: session.user.id });
    return redirect("/account");
  }
  const code = String(form.get("code") ?? "").slice(0, 20);
  const secret = session.user.totpSecret;
  if (!secret || session.user.totpEnabled || !(await acceptTotp(db, session.user.id, secret, code))) {
    return json({ error: "Enter the 6-digit code your authenticator app shows now" }, { status: 400 });
  }
  await setTotp(db, session.user.id, secret, true);
  await markMfaPassed(db, session);
  await recordAudit(db, { forumId, actor: session.user.id, action: "mfa.enabled", subject: session.user.id });
  return redirect("/account");
}

export default function TwoFactorSetup() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = translator("en");
  if (data.enabled) {
    return (
      <>
        <h1 className="heading-l">Two-factor authentication is on</h1>
        <form method="post">
          <input type="hidden" name="intent" value="disable" />
          <Button secondary>Turn off two-factor authentication</Button>
        </form>
        <p className="body">
          <a href="/account">Back to your account</a>
        </p>
      </>
    );
  }
  return (
    <>
      <ErrorSummary errors={result?.error ? [{ href: "#code", text: result.error }] : []} t={t} />
      <h1 className="heading-l">Set up two-factor authentication</h1>
      {data.required ? (
        <div className="notification notification--info">
          <p className="notification__title">Your forum requires two-factor authentication for admins and moderators.</p>
        </div>
      ) : null}
      <ol className="list list--number">
        <li>Open an authenticator app on your phone.</li>
        <li>Scan this QR code, or type the key below.</li>
        <li>Enter the 6-digit code the app shows.</li>
      </ol>
      <div className="qr" role="img" aria-label="QR code for your authenticator app" dangerouslySetInnerHTML={{ __html: data.qr ?? "" }} />
      <p className="body">
        Key:{" "}
        <code className="code" data-testid="totp-secret">
          {data.secret}
        </code>
      </p>
      <form method="post" noValidate>
        <TextField
          id="code"
          name="code"
          label="6-digit code"
          inputMode="numeric"
          autoComplete="one-time-code"
          width="code"
          error={result?.error}
          t={t}
        />
        <Button>Turn on</Button>
      </form>
    </>
  );
}
