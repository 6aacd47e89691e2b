import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
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
import { issueRecoveryCodes, RECOVERY_CODE_COUNT, unusedRecoveryCodeCount } from "~/models/recovery-codes.server";

export const meta: MetaFunction = () => [{ title: "Set up two-factor authentication" }];

// The recovery codes are in the answer to a post: no browser or proxy keeps a copy.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

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
  // A pending secret is made only while two-factor is off: opening this page never replaces a working one.
  if (!secret && !session.user.totpEnabled) {
    secret = newTotpSecret();
    await setTotp(db, session.user.id, secret, false);
  }
  const query = new URL(request.url).searchParams;
  return {
    required: query.get("required") === "1",
    recovered: query.get("recovered") === "1",
    unusedCodes: session.user.totpEnabled ? await unusedRecoveryCodeCount(db, session.user.id) : 0,
    enabled: session.user.totpEnabled,
    secret,
    qr: secret ? await totpQrSvg(session.user.email, "Parent carer voice", secret) : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await requireSignedIn(request);
  const form = await readForm(request);
  const db = getDb();
  const forumId = session.membership?.forumId ?? null;
  if (form.get("intent") === "disable") {
    if (session.membership?.requireMfa && session.membership.role !== "board") {
      return json(
        { error: "Your forum requires two-factor authentication for admins and moderators", recoveryCodes: null },
        { status: 400 },
      );
    }
    await setTotp(db, session.user.id, null, false);
    await recordAudit(db, { forumId, actor: session.user.id, action: "mfa.disabled", subject: session.user.id });
    return redirect("/account");
  }
  if (form.get("intent") === "codes") {
    if (!session.user.totpEnabled) return redirect("/account/two-factor");
    const recoveryCodes = await issueRecoveryCodes(db, session.user.id, new Date());
    await recordAudit(db, { forumId, actor: session.user.id, action: "mfa.recovery_codes_issued", subject: session.user.id });
    return json({ error: null, recoveryCodes });
  }
  const code = String(form.get("code") ?? "").slice(0, 20);
  const secret = session.user.totpSecret;
  if (!secret || session.user.totpEnabled || !(await acceptTotp(db, session.user.id, secret, code))) {
    return json({ error: "Enter the 6-digit code your authenticator app shows now", recoveryCodes: null }, { status: 400 });
  }
  await setTotp(db, session.user.id, secret, true);
  await markMfaPassed(db, session);
  await recordAudit(db, { forumId, actor: session.user.id, action: "mfa.enabled", subject: session.user.id });
  // Shown once, in this answer: a phone lost tomorrow must not lock its owner out for good.
  const recoveryCodes = await issueRecoveryCodes(db, session.user.id, new Date());
  return json({ error: null, recoveryCodes });
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <>
      <h1 className="heading-l">Save your recovery codes</h1>
      <p className="body">
        If you lose your phone, each of these codes lets you sign in once instead of a code from your authenticator app. Print them, or
        write them down, and keep them somewhere safe: not on the phone.
      </p>
      <div className="notification notification--warning" role="status">
        <p className="notification__title">They are shown only now. Making new codes stops these from working.</p>
      </div>
      <ol className="list list--number recovery-codes" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code className="code">{code}</code>
          </li>
        ))}
      </ol>
      <p className="body">
        <a href="/account" className="button">
          I have saved them
        </a>
      </p>
    </>
  );
}

export default function TwoFactorSetup() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = translator("en");
  if (result?.recoveryCodes) return <RecoveryCodes codes={result.recoveryCodes} />;
  if (data.enabled) {
    return (
      <>
        <ErrorSummary errors={result?.error ? [{ href: "#turn-off", text: result.error }] : []} t={t} />
        {data.recovered ? (
          <div className="notification notification--warning" role="status">
            <p className="notification__title">You signed in with a recovery code. It will not work again.</p>
            <p className="body">If you have lost your phone, turn two-factor authentication off and set it up again on your new phone.</p>
          </div>
        ) : null}
        <h1 className="heading-l">Two-factor authentication is on</h1>
        <h2 className="heading-m">Recovery codes</h2>
        <p className="body" data-testid="unused-codes">
          {data.unusedCodes === 0
            ? "You have no unused recovery codes. Make new ones, or a lost phone will lock you out."
            : `You have ${data.unusedCodes} of ${RECOVERY_CODE_COUNT} recovery codes unused.`}
        </p>
        <form method="post">
          <input type="hidden" name="intent" value="codes" />
          <Button secondary>Make new recovery codes</Button>
        </form>
        <h2 className="heading-m" id="turn-off">
          Turn it off
        </h2>
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
