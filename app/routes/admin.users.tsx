import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import * as z from "zod";
import { audit, requireRole } from "~/auth/session.server";
import { hashToken } from "~/codes.server";
import { ErrorSummary, TextField } from "~/components/forms";
import { readCookie, serialiseCookie } from "~/cookies.server";
import { getDb, transaction } from "~/db.server";
import { publicBaseUrl } from "~/mail/links.server";
import { passwordResetMail, staffInvitationMail } from "~/mail/messages.server";
import { mailEnabled } from "~/mail/transport.server";
import { enqueueMail } from "~/models/mail-outbox.server";
import { translator } from "~/i18n";
import { createInvitation } from "~/models/user-invitations.server";
import { findForumMember, forumRequiresMfa, holdsEveryRoleOf, otherForumCount, setForumRequiresMfa } from "~/models/forum-members.server";
import { listForumMembers, normaliseEmail } from "~/models/users.server";
import { staffChrome } from "~/auth/staff.server";
import type { Role } from "../../db/schema";
import { notFound, readForm } from "~/http.server";
import { StaffEmail } from "~/schemas/staff-email";

export const meta: MetaFunction = () => [{ title: "Users" }];
export const handle = { wide: true };

const ROLE_LABELS: Record<Role, string> = { admin: "Admin", moderator: "Moderator", board: "Board member" };
const ROLE_HINTS: Record<Role, string> = {
  admin: "Everything, including users, surveys and the audit log.",
  moderator: "Moderates written answers and keeps the “you said, we did” register.",
  board: "Sees the board dashboard and its exports.",
};

/**
 * A new invitation or reset link is shown once. The database keeps only its hash, so after the
 * redirect the link travels in a short-lived HttpOnly cookie that the next page view reads and
 * clears: never in the address bar, the history or a server log.
 */
const LINK_COOKIE = "one-time-link";
const LINK_PATH = "/admin/users";

const DONE_MESSAGES: Record<string, string> = {
  invited: "Invitation created.",
  reset: "Password reset link created.",
  invite_sent: "Invitation sent by e-mail. It works once, for the address you entered, for 7 days.",
  reset_sent: "Password reset link sent by e-mail. It works once, for 7 days.",
  role: "Role changed.",
  lead: "Safeguarding lead named.",
  removed: "Member removed from the forum.",
  two_factor_reset: "Two-factor authentication turned off. They will set it up again when they next sign in, if the forum requires it.",
  mfa_on: "Two-factor authentication is now required for every admin and moderator.",
  mfa_off: "Two-factor authentication is no longer required.",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireRole(request, ["admin"]);
  const db = getDb();
  const url = new URL(request.url);
  const done = url.searchParams.get("done");
  const subjectId = url.searchParams.get("user");
  const members = await listForumMembers(db, staff.forumId);
  let link: { kind: "join" | "reset"; url: string; role: string | null; email: string | null } | null = null;
  const stored = readCookie(request, LINK_COOKIE);
  if (stored && (done === "invited" || done === "reset")) {
    const [kind, token, extra, invited] = stored.split(".");
    if ((kind === "join" || kind === "reset") && token) {
      link = {
        kind,
        url: `${publicBaseUrl(request)}/${kind}/${token}`,
        role: kind === "join" && extra && extra in ROLE_LABELS ? ROLE_LABELS[extra as Role] : null,
        email:
          kind === "reset"
            ? (members.find((m) => m.userId === extra)?.email ?? null)
            : invited
              ? Buffer.from(invited, "base64url").toString("utf8")
              : null,
      };
    }
  }
  const data = {
    ...staffChrome(staff),
    me: staff.user.id,
    members,
    requireMfa: await forumRequiresMfa(db, staff.forumId),
    done: done && done in DONE_MESSAGES ? done : null,
    doneFor: members.find((m) => m.userId === subjectId)?.email ?? null,
    link,
    mail: mailEnabled(),
  };
  return json(data, {
    headers: {
      "Cache-Control": "no-store",
      ...(stored ? { "Set-Cookie": serialiseCookie(request, LINK_COOKIE, "", { path: LINK_PATH, maxAgeSeconds: 0 }) } : {}),
    },
  });
}

// The link is never cached by the browser or a proxy.
export const headers: HeadersFunction = ({ loaderHeaders }) => ({ "Cache-Control": loaderHeaders.get("Cache-Control") ?? "no-store" });

const InviteForm = z.object({
  intent: z.literal("invite"),
  email: StaffEmail,
  role: z.enum(["admin", "moderator", "board"], { error: "Choose what the new member will do" }),
});
const ResetForm = z.object({ intent: z.literal("reset"), userId: z.string().min(1).max(100) });
const MfaForm = z.object({ intent: z.literal("mfa"), require: z.literal("on").optional() });

function linkCookie(request: Request, value: string) {
  return serialiseCookie(request, LINK_COOKIE, value, { path: LINK_PATH, maxAgeSeconds: 300 });
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireRole(request, ["admin"]);
  const form = Object.fromEntries(await readForm(request));
  const db = getDb();
  if (form.intent === "reset") {
    const parsed = ResetForm.safeParse(form);
    const member = parsed.success ? await findForumMember(db, staff.forumId, parsed.data.userId) : undefined;
    if (!member) throw notFound();
    if (!(await holdsEveryRoleOf(db, staff.user.id, member.userId))) {
      await audit(staff, "user.reset_refused", member.userId, { reason: "roles_elsewhere" });
      return redirect(`/admin/users/${encodeURIComponent(member.userId)}?refused=reset`);
    }
    const mail = mailEnabled();
    // With mail on, the link goes straight to them: queued in the transaction that makes it.
    const token = await transaction(db, async (trx) => {
      const made = await createInvitation(trx, { forumId: staff.forumId, kind: "reset", userId: member.userId, createdBy: staff.user.id });
      if (mail) {
        const forum = { id: staff.forumId, name: staff.forumName };
        await enqueueMail(trx, [passwordResetMail(forum, member.email, `${publicBaseUrl(request)}/reset/${made}`)]);
      }
      return made;
    });
    // The reset changes the password in every forum the person belongs to: the log says so.
    const otherForums = await otherForumCount(db, staff.forumId, member.userId);
    await audit(staff, "user.reset_issued", member.userId, {
      invitation: hashToken(token).slice(0, 12),
      other_forums: otherForums,
      sent_by_mail: mail,
    });
    if (mail) return redirect(`${LINK_PATH}?done=reset_sent&user=${encodeURIComponent(member.userId)}`);
    return redirect(`${LINK_PATH}?done=reset&user=${encodeURIComponent(member.userId)}`, {
      headers: { "Set-Cookie": linkCookie(request, `reset.${token}.${member.userId}`) },
    });
  }
  if (form.intent === "mfa") {
    const parsed = MfaForm.safeParse(form);
    if (!parsed.success)
      return json(
        { errors: { require: "Choose whether two-factor authentication is required" }, values: { email: "", role: "" } },
        { status: 400 },
      );
    const required = parsed.data.require === "on";
    if (required !== (await forumRequiresMfa(db, staff.forumId))) {
      await setForumRequiresMfa(db, staff.forumId, required);
      await audit(staff, "forum.mfa_required", staff.forumId, { required });
    }
    return redirect(`${LINK_PATH}?done=${required ? "mfa_on" : "mfa_off"}`);
  }
  const parsed = InviteForm.safeParse(form);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
    const typed = (name: string) => (typeof form[name] === "string" ? String(form[name]).slice(0, 320) : "");
    return json({ errors, values: { email: typed("email"), role: typed("role") } }, { status: 400 });
  }
  const email = normaliseEmail(parsed.data.email);
  const mail = mailEnabled();
  const token = await transaction(db, async (trx) => {
    const made = await createInvitation(trx, {
      forumId: staff.forumId,
      kind: "join",
      role: parsed.data.role,
      email,
      createdBy: staff.user.id,
    });
    if (mail) {
      const forum = { id: staff.forumId, name: staff.forumName };
      await enqueueMail(trx, [staffInvitationMail(forum, email, parsed.data.role, `${publicBaseUrl(request)}/join/${made}`)]);
    }
    return made;
  });
  await audit(staff, "user.invited", null, {
    role: parsed.data.role,
    email,
    invitation: hashToken(token).slice(0, 12),
    sent_by_mail: mail,
  });
  if (mail) return redirect(`${LINK_PATH}?done=invite_sent`);
  const cookie = linkCookie(request, `join.${token}.${parsed.data.role}.${Buffer.from(email).toString("base64url")}`);
  return redirect(`${LINK_PATH}?done=invited`, { headers: { "Set-Cookie": cookie } });
}

export default function Users() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = translator("en");
  const errors: Record<string, string> = result?.errors ?? {};
  const lead = data.members.find((m) => m.safeguardingLead);
  return (
    <>
      <ErrorSummary errors={Object.entries(errors).map(([field, text]) => ({ href: `#${field}`, text }))} t={t} />
      {data.link ? (
        <div className="notification" role="status" aria-labelledby="link-title">
          <h2 className="notification__title" id="link-title">
            {data.link.kind === "join"
              ? `Invitation created${data.link.role ? ` for a new ${data.link.role.toLowerCase()}` : ""}${data.link.email ? `, ${data.link.email}` : ""}`
              : `Password reset link created${data.link.email ? ` for ${data.link.email}` : ""}`}
          </h2>
          <p className="body">
            Copy this link now and send it to {data.link.kind === "join" && data.link.email ? data.link.email : "them"} yourself, for
            example by email or text message:
          </p>
          <p className="body copy-link">
            <code className="code" data-testid="one-time-link">
              {data.link.url}
            </code>
          </p>
          <p className="body">It works once, for 7 days. It will not be shown again: if it is lost, create a new one.</p>
        </div>
      ) : data.done ? (
        <div className="notification" role="status">
          <p className="notification__title">
            {DONE_MESSAGES[data.done]}
            {data.doneFor ? ` (${data.doneFor})` : ""}
          </p>
          {data.done === "invited" || data.done === "reset" ? (
            <p className="body">The link is shown only once. If you did not copy it, create a new one.</p>
          ) : null}
        </div>
      ) : null}
      <h1 className="heading-l">Users</h1>

      <div className="table-wrap" tabIndex={0} role="region" aria-label="Members">
        <table className="table">
          <caption>Members of {data.nav.forumName}</caption>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Safeguarding lead</th>
              <th scope="col">Two-factor</th>
              <th scope="col">Account</th>
            </tr>
          </thead>
          <tbody>
            {data.members.map((m) => (
              <tr key={m.userId}>
                <td>
                  <a href={`/admin/users/${m.userId}`}>{m.email}</a>
                  {m.userId === data.me ? " (you)" : ""}
                </td>
                <td>{ROLE_LABELS[m.role]}</td>
                <td>{m.safeguardingLead ? <span className="tag tag--blue">Lead</span> : ""}</td>
                <td>{m.totpEnabled ? <span className="tag">On</span> : <span className="tag tag--grey">Off</span>}</td>
                <td>{m.disabled ? <span className="tag tag--red">Disabled</span> : "Active"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="body">
        {lead ? `Flagged safeguarding concerns go to ${lead.email}.` : "No safeguarding lead is named yet."} To change a member’s role, name
        the safeguarding lead, create a password reset link or remove someone, choose their email address.
      </p>

      <h2 className="heading-m">Invite a new member</h2>
      <p className="body">
        {data.mail ? "We e-mail them a link." : "You get a link to send them."} It is for the address you enter: they choose their own
        password when they open it, or, if they already have an account for another forum, enter its password.
      </p>
      <form method="post" noValidate>
        <input type="hidden" name="intent" value="invite" />
        <TextField
          id="email"
          name="email"
          label="Their email address"
          value={result?.values?.email}
          error={errors.email}
          inputMode="email"
          autoComplete="off"
          t={t}
        />
        <div className={`form-group${errors.role ? " form-group--error" : ""}`}>
          <fieldset className="fieldset" aria-describedby={errors.role ? "role-error" : undefined}>
            <legend className="fieldset__legend fieldset__legend--m">What will they do?</legend>
            {errors.role ? (
              <p className="error-message" id="role-error">
                <span className="visually-hidden">{t("error.prefix")} </span>
                {errors.role}
              </p>
            ) : null}
            <div className="radios">
              {(Object.keys(ROLE_LABELS) as Role[]).map((role, index) => (
                <div className="radios__item" key={role}>
                  <input
                    className="radios__input"
                    type="radio"
                    id={index === 0 ? "role" : `role-${role}`}
                    name="role"
                    value={role}
                    defaultChecked={result?.values?.role === role}
                    aria-describedby={`role-${role}-hint`}
                  />
                  <div>
                    <label className="label radios__label" htmlFor={index === 0 ? "role" : `role-${role}`}>
                      {ROLE_LABELS[role]}
                    </label>
                    <div className="hint" id={`role-${role}-hint`}>
                      {ROLE_HINTS[role]}
                    </div>
                  </div>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <button type="submit" className="button">
          Create invitation link
        </button>
      </form>

      <h2 className="heading-m">Two-factor authentication</h2>
      <form method="post">
        <input type="hidden" name="intent" value="mfa" />
        <div className="checkboxes">
          <div className="checkboxes__item">
            <input
              className="checkboxes__input"
              type="checkbox"
              id="require"
              name="require"
              value="on"
              defaultChecked={data.requireMfa}
              aria-describedby="require-hint"
            />
            <div>
              <label className="label checkboxes__label" htmlFor="require">
                Require two-factor authentication for every admin and moderator
              </label>
              <div className="hint" id="require-hint">
                Anyone who has not set it up is asked to do so the next time they open a page. Board members are not asked.
              </div>
            </div>
          </div>
        </div>
        <button type="submit" className="button button--secondary">
          Save
        </button>
      </form>
    </>
  );
}
