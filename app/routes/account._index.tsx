import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import * as z from "zod";
import { audit, requireStaff, switchForum } from "~/auth/session.server";
import { Button, ErrorSummary } from "~/components/forms";
import { getDb } from "~/db.server";
import { passwordProblem, PASSWORD_MESSAGES } from "~/domain/passwords";
import { translator } from "~/i18n";
import { setPassword, verifyPassword } from "~/models/users.server";
import { staffChrome } from "~/auth/staff.server";
import { readForm } from "~/http.server";

export const meta: MetaFunction = () => [{ title: "Your account" }];
export const handle = { wide: true };

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  return { ...staffChrome(staff), totpEnabled: staff.user.totpEnabled };
}

const PasswordForm = z.object({
  intent: z.literal("password"),
  current: z.string().min(1, "Enter your current password").max(1024),
  password: z.string().max(1024),
});

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const form = Object.fromEntries(await readForm(request));
  const db = getDb();
  if (form.intent === "forum" && typeof form.forum === "string") {
    const ok = await switchForum(db, staff.session, form.forum);
    if (!ok) return json({ error: { field: "forum", text: "You are not a member of that forum" }, done: null }, { status: 400 });
    return json({ error: null, done: "You are now working in another forum." });
  }
  const parsed = PasswordForm.safeParse(form);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return json({ error: { field: String(issue.path[0]), text: issue.message }, done: null }, { status: 400 });
  }
  if (!(await verifyPassword(parsed.data.current, staff.user.passwordHash))) {
    return json({ error: { field: "current", text: "Your current password is not right" }, done: null }, { status: 400 });
  }
  const problem = passwordProblem(parsed.data.password, staff.user.email);
  if (problem) return json({ error: { field: "password", text: PASSWORD_MESSAGES[problem] }, done: null }, { status: 400 });
  await setPassword(db, staff.user.id, parsed.data.password);
  await audit(staff, "user.password_changed", staff.user.id);
  return json({ error: null, done: "Your password has been changed. Sign in again with the new one." });
}

export default function Account() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = translator("en");
  const error = result?.error;
  return (
    <>
      <ErrorSummary errors={error ? [{ href: `#${error.field}`, text: error.text }] : []} t={t} />
      {result?.done ? (
        <div className="notification" role="status">
          <p className="notification__title">{result.done}</p>
        </div>
      ) : null}
      <h1 className="heading-l">Your account</h1>
      <p className="body">Signed in as {data.nav.email}.</p>
      <h2 className="heading-m">Two-factor authentication</h2>
      <p className="body">
        {data.totpEnabled ? "On: you enter a code from your authenticator app when you sign in." : "Off."}{" "}
        <a href="/account/two-factor">{data.totpEnabled ? "Set up again" : "Turn on two-factor authentication"}</a>
      </p>
      {data.nav.forums.length > 1 ? (
        <>
          <h2 className="heading-m">Forum</h2>
          <form method="post" action="?index">
            <input type="hidden" name="intent" value="forum" />
            <label className="label" htmlFor="forum">
              Work in
            </label>
            <select className="select" id="forum" name="forum" defaultValue={data.nav.currentForumId}>
              {data.nav.forums.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </select>{" "}
            <Button secondary>Switch forum</Button>
          </form>
        </>
      ) : null}
      <h2 className="heading-m">Change your password</h2>
      <form method="post" action="?index" noValidate>
        <input type="hidden" name="intent" value="password" />
        <div className={`form-group${error?.field === "current" ? " form-group--error" : ""}`}>
          <label className="label" htmlFor="current">
            Current password
          </label>
          {error?.field === "current" ? <p className="error-message">{error.text}</p> : null}
          <input className="input" id="current" name="current" type="password" autoComplete="current-password" />
        </div>
        <div className={`form-group${error?.field === "password" ? " form-group--error" : ""}`}>
          <label className="label" htmlFor="password">
            New password
          </label>
          <div className="hint">At least 12 characters. Three unrelated words make a strong password.</div>
          {error?.field === "password" ? <p className="error-message">{error.text}</p> : null}
          <input className="input" id="password" name="password" type="password" autoComplete="new-password" />
        </div>
        <Button>Change password</Button>
      </form>
    </>
  );
}
