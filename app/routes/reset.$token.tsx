import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { isRouteErrorResponse, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import * as z from "zod";
import { ErrorPage } from "~/components/error-page";
import { ErrorSummary } from "~/components/forms";
import { PasswordField } from "~/components/password-field";
import { getDb, type DB } from "~/db.server";
import { passwordProblem, PASSWORD_MESSAGES } from "~/domain/passwords";
import { translator } from "~/i18n";
import { recordAudit } from "~/models/audit.server";
import { checkInvitation, resetPasswordWithInvitation } from "~/models/user-invitations.server";
import { findForumMember } from "~/models/forum-members.server";
import { readForm } from "~/http.server";

export const meta: MetaFunction = () => [{ title: "Choose a new password" }];

const GONE = {
  title: "This password reset link has been used or has expired",
  body: "Ask a forum admin for a new one.",
};

/** A usable reset link for someone who is still a member of the forum that issued it. */
async function usableReset(db: DB, token: string | undefined) {
  const check = await checkInvitation(db, token ?? "", "reset");
  if (check.state === "unknown") throw json(GONE, { status: 404 });
  if (check.state === "spent" || !check.invitation.userId) throw json(GONE, { status: 410 });
  const member = await findForumMember(db, check.invitation.forumId, check.invitation.userId);
  if (!member) throw json(GONE, { status: 410 });
  return { invitation: check.invitation, member };
}

export async function loader({ params }: LoaderFunctionArgs) {
  const { member } = await usableReset(getDb(), params.token);
  return { email: member.email };
}

const ResetForm = z.object({
  password: z.string().max(1024, PASSWORD_MESSAGES.too_long),
  confirm: z.string().max(1024),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const { invitation, member } = await usableReset(db, params.token);
  const parsed = ResetForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return json({ errors: { password: parsed.error.issues[0].message } as Record<string, string> }, { status: 400 });
  const problem = passwordProblem(parsed.data.password, member.email);
  if (problem) return json({ errors: { password: PASSWORD_MESSAGES[problem] } as Record<string, string> }, { status: 400 });
  if (parsed.data.confirm !== parsed.data.password) {
    return json(
      { errors: { confirm: "The passwords do not match. Type the same password twice." } as Record<string, string> },
      { status: 400 },
    );
  }
  const result = await resetPasswordWithInvitation(db, invitation, parsed.data.password);
  if (!result.ok) throw json(GONE, { status: 410 });
  await recordAudit(db, { forumId: invitation.forumId, actor: member.userId, action: "user.password_reset", subject: member.userId });
  return redirect("/login?done=password_reset");
}

export default function ResetPassword() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = translator("en");
  const errors: Record<string, string> = result?.errors ?? {};
  return (
    <>
      <ErrorSummary errors={Object.entries(errors).map(([id, text]) => ({ href: `#${id}`, text }))} t={t} />
      <h1 className="heading-l">Choose a new password</h1>
      <p className="body">For {data.email}. Using this link signs you out everywhere you are signed in.</p>
      <form method="post" noValidate>
        <input type="text" name="username" value={data.email} autoComplete="username" readOnly hidden />
        <PasswordField
          id="password"
          label="New password"
          hint="At least 12 characters. Three unrelated words make a strong password."
          error={errors.password}
          autoComplete="new-password"
        />
        <PasswordField id="confirm" label="Type the new password again" error={errors.confirm} autoComplete="new-password" />
        <button type="submit" className="button">
          Save new password
        </button>
      </form>
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = translator("en");
  if (isRouteErrorResponse(error) && (error.status === 404 || error.status === 410)) {
    return <ErrorPage title={GONE.title} body={GONE.body} t={t} />;
  }
  return <ErrorPage title={t("error.title")} body={t("error.body")} t={t} />;
}
