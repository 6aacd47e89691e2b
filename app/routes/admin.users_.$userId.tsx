import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import * as z from "zod";
import { audit, requireRole } from "~/auth/session.server";
import { ErrorSummary } from "~/components/forms";
import { getDb } from "~/db.server";
import { translator } from "~/i18n";
import {
  changeRole,
  findForumMember,
  holdsEveryRoleOf,
  nameSafeguardingLead,
  otherForumCount,
  removeMember,
} from "~/models/forum-members.server";
import { listForumMembers, setTotp } from "~/models/users.server";
import { staffChrome } from "~/auth/staff.server";
import type { Role } from "../../db/schema";
import { notFound, readForm } from "~/http.server";

export const meta: MetaFunction = () => [{ title: "Manage a member" }];
export const handle = { wide: true };

const ROLE_LABELS: Record<Role, string> = { admin: "Admin", moderator: "Moderator", board: "Board member" };

async function load(request: Request, userId: string | undefined) {
  const staff = await requireRole(request, ["admin"]);
  const member = userId ? await findForumMember(getDb(), staff.forumId, userId) : undefined;
  // Someone in another forum, or nobody: not found, whichever it is.
  if (!member) throw notFound();
  return { staff, member };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { staff, member } = await load(request, params.userId);
  const lead = (await listForumMembers(getDb(), staff.forumId)).find((m) => m.safeguardingLead);
  return {
    ...staffChrome(staff),
    member,
    isMe: member.userId === staff.user.id,
    otherForums: await otherForumCount(getDb(), staff.forumId, member.userId),
    mayReset: await holdsEveryRoleOf(getDb(), staff.user.id, member.userId),
    resetRefused: new URL(request.url).searchParams.get("refused") === "reset",
    currentLead: lead && lead.userId !== member.userId ? lead.email : null,
    confirmRemove: new URL(request.url).searchParams.get("confirm") === "remove",
  };
}

const RoleForm = z.object({
  intent: z.literal("role"),
  role: z.enum(["admin", "moderator", "board"], { error: "Choose a role" }),
});

const PROBLEMS = {
  last_admin: "The forum must keep at least one admin. Make someone else an admin first.",
  lead_needs_role: "This member is the safeguarding lead, who must be a moderator or an admin. Name another lead first.",
  board_cannot_lead: "The safeguarding lead must be a moderator or an admin. Change this member’s role first.",
  lead: "This member is the safeguarding lead. Name another lead before removing them.",
} as const;

function refused(field: string, text: string) {
  return json({ errors: { [field]: text } as Record<string, string> }, { status: 400 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { staff, member } = await load(request, params.userId);
  const form = Object.fromEntries(await readForm(request));
  const db = getDb();
  const back = (done: string) => redirect(`/admin/users?done=${done}&user=${encodeURIComponent(member.userId)}`);
  if (form.intent === "role") {
    if (member.userId === staff.user.id) return refused("role", "You cannot change your own role. Ask another admin.");
    const parsed = RoleForm.safeParse(form);
    if (!parsed.success) return refused("role", "Choose a role");
    if (parsed.data.role === member.role) return back("role");
    const result = await changeRole(db, staff.forumId, member.userId, parsed.data.role);
    if (!result.ok) {
      if (result.reason === "not_found") throw notFound();
      return refused("role", PROBLEMS[result.reason]);
    }
    await audit(staff, "user.role_changed", member.userId, { from: result.previousRole, to: parsed.data.role });
    return back("role");
  }
  if (form.intent === "lead") {
    const result = await nameSafeguardingLead(db, staff.forumId, member.userId);
    if (!result.ok) {
      if (result.reason === "not_found") throw notFound();
      return refused("lead", PROBLEMS[result.reason]);
    }
    await audit(staff, "user.safeguarding_lead_named", member.userId, { previous: result.previousLead });
    return back("lead");
  }
  if (form.intent === "two_factor") {
    // Someone who lost their phone: the same rule as a password reset, since it opens every forum they belong to.
    if (member.userId === staff.user.id) return refused("two_factor", "Turn your own two-factor off from your account page.");
    if (!(await holdsEveryRoleOf(db, staff.user.id, member.userId))) {
      await audit(staff, "user.two_factor_reset_refused", member.userId, { reason: "roles_elsewhere" });
      return refused("two_factor", "They also have a role in another forum that you are not an admin of, so you cannot turn this off.");
    }
    await setTotp(db, member.userId, null, false);
    await audit(staff, "user.two_factor_reset", member.userId);
    return back("two_factor_reset");
  }
  if (form.intent === "remove") {
    if (member.userId === staff.user.id) return refused("remove", "You cannot remove yourself. Ask another admin.");
    const result = await removeMember(db, staff.forumId, member.userId);
    if (!result.ok) {
      if (result.reason === "not_found") throw notFound();
      return refused("remove", PROBLEMS[result.reason]);
    }
    await audit(staff, "user.removed", member.userId, { role: result.role });
    return redirect("/admin/users?done=removed");
  }
  return refused("form", "Choose what to change");
}

export default function ManageMember() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = translator("en");
  const errors: Record<string, string> = result?.errors ?? {};
  const { member } = data;
  const errorFor = (field: string) =>
    errors[field] ? (
      <p className="error-message" id={`${field}-error`}>
        <span className="visually-hidden">{t("error.prefix")} </span>
        {errors[field]}
      </p>
    ) : null;
  return (
    <>
      <a className="back-link" href="/admin/users">
        Back to users
      </a>
      <ErrorSummary errors={Object.entries(errors).map(([field, text]) => ({ href: `#${field}`, text }))} t={t} />
      <h1 className="heading-l">{member.email}</h1>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt className="summary-list__key">Role</dt>
          <dd className="summary-list__value">{ROLE_LABELS[member.role]}</dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Safeguarding lead</dt>
          <dd className="summary-list__value">{member.safeguardingLead ? "Yes" : "No"}</dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Two-factor authentication</dt>
          <dd className="summary-list__value">{member.totpEnabled ? "On" : "Off"}</dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Account</dt>
          <dd className="summary-list__value">{member.disabled ? "Disabled" : "Active"}</dd>
        </div>
      </dl>

      {data.confirmRemove && !data.isMe ? (
        <div className={`form-group${errors.remove ? " form-group--error" : ""}`}>
          <h2 className="heading-m">
            Remove {member.email} from {data.nav.forumName}?
          </h2>
          {errorFor("remove")}
          <p className="body">
            They will no longer be able to open this forum’s pages, and any reset link for them stops working. Their account stays if they
            belong to another forum. You can invite them again later.
          </p>
          <form method="post" className="button-group">
            <input type="hidden" name="intent" value="remove" />
            <button type="submit" className="button button--warning" id="remove">
              Yes, remove from the forum
            </button>
            <a href={`/admin/users/${member.userId}`}>Cancel</a>
          </form>
        </div>
      ) : (
        <>
          <h2 className="heading-m">Role</h2>
          {data.isMe ? (
            <p className="body">You cannot change your own role. Ask another admin.</p>
          ) : (
            <form method="post" noValidate>
              <input type="hidden" name="intent" value="role" />
              <div className={`form-group${errors.role ? " form-group--error" : ""}`}>
                <fieldset className="fieldset" aria-describedby={errors.role ? "role-error" : undefined}>
                  <legend className="visually-hidden">Role of {member.email}</legend>
                  {errorFor("role")}
                  <div className="radios">
                    {(Object.keys(ROLE_LABELS) as Role[]).map((role, index) => (
                      <div className="radios__item" key={role}>
                        <input
                          className="radios__input"
                          type="radio"
                          id={index === 0 ? "role" : `role-${role}`}
                          name="role"
                          value={role}
                          defaultChecked={member.role === role}
                        />
                        <label className="label radios__label" htmlFor={index === 0 ? "role" : `role-${role}`}>
                          {ROLE_LABELS[role]}
                        </label>
                      </div>
                    ))}
                  </div>
                </fieldset>
              </div>
              <button type="submit" className="button button--secondary">
                Save role
              </button>
            </form>
          )}

          <h2 className="heading-m">Safeguarding lead</h2>
          {member.safeguardingLead ? (
            <p className="body">{member.email} is the forum’s safeguarding lead: flagged concerns go to them.</p>
          ) : (
            <form method="post" className={errors.lead ? "form-group form-group--error" : undefined}>
              <input type="hidden" name="intent" value="lead" />
              {errorFor("lead")}
              <p className="body">
                The forum names one safeguarding lead, a moderator or an admin.
                {data.currentLead ? ` This replaces ${data.currentLead}.` : ""}
              </p>
              <button type="submit" className="button button--secondary" id="lead">
                Name as safeguarding lead
              </button>
            </form>
          )}

          <h2 className="heading-m">Password</h2>
          {data.mayReset ? null : (
            <div
              className={data.resetRefused ? "error-summary" : "inset"}
              data-testid="reset-not-yours"
              role={data.resetRefused ? "alert" : undefined}
            >
              <p className="body">
                {member.email} also has a role in another forum that you are not an admin of. A new password would let whoever holds the
                link sign in there too, so you cannot create one: only an admin of every forum they belong to can, or whoever runs this
                installation (with its staff command).
              </p>
            </div>
          )}
          {data.mayReset ? (
            <form method="post" action="/admin/users">
              <input type="hidden" name="intent" value="reset" />
              <input type="hidden" name="userId" value={member.userId} />
              <p className="body">
                If they have forgotten their password, create a reset link and send it to them. Using it signs them out everywhere.
              </p>
              {data.otherForums > 0 ? (
                <div className="inset" data-testid="other-forums">
                  <p className="body">
                    {member.email} is also a member of {data.otherForums === 1 ? "another forum" : `${data.otherForums} other forums`}. The
                    new password will work there too, so send the link only to them, by a way you know is theirs.
                    {member.totpEnabled ? " Their two-factor authentication still protects every forum." : ""}
                  </p>
                </div>
              ) : null}
              <button type="submit" className="button button--secondary">
                Create a password reset link
              </button>
            </form>
          ) : null}

          {!data.isMe && member.totpEnabled && data.mayReset ? (
            <>
              <h2 className="heading-m">Two-factor authentication</h2>
              <form method="post" className={errors.two_factor ? "form-group form-group--error" : undefined}>
                <input type="hidden" name="intent" value="two_factor" />
                {errorFor("two_factor")}
                <p className="body">
                  If they have lost the phone with their authenticator app, turn two-factor off. They will set it up again when they next
                  sign in, if the forum requires it. This is recorded in the audit log.
                </p>
                <button type="submit" className="button button--secondary" id="two_factor">
                  Turn off their two-factor authentication
                </button>
              </form>
            </>
          ) : null}
          {data.isMe ? null : (
            <>
              <h2 className="heading-m">Remove from the forum</h2>
              <p className="body">
                <a href={`/admin/users/${member.userId}?confirm=remove`}>Remove {member.email} from the forum</a>
              </p>
            </>
          )}
        </>
      )}
    </>
  );
}
