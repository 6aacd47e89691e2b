import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import * as z from "zod";
import { audit, requireRole } from "~/auth/session.server";
import { Button, ErrorSummary, TextField } from "~/components/forms";
import { getDb } from "~/db.server";
import { translator } from "~/i18n";
import { findSurveyToShare, listInvitationBatches, setSurveyAccess } from "~/models/survey-invitations.server";
import { mailInvitationBatch, revokeInvitationBatch, revokeInvitationLink } from "~/models/survey-invitation-mail.server";
import { publicBaseUrl } from "~/mail/links.server";
import { mailEnabled } from "~/mail/transport.server";
import { MailBatchForm } from "~/schemas/senco-invitations";
import { firstErrors } from "~/auth/staff-forms.server";
import { staffChrome } from "~/auth/staff.server";
import { notFound, readForm } from "~/http.server";

export const meta: MetaFunction = () => [{ title: "Share a survey" }];
export const handle = { wide: true };

async function load(request: Request, surveyId: string | undefined) {
  const staff = await requireRole(request, ["admin"]);
  const survey = surveyId ? await findSurveyToShare(getDb(), staff.forumId, surveyId) : undefined;
  if (!survey) throw notFound();
  return { staff, survey };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { staff, survey } = await load(request, params.surveyId);
  const origin = publicBaseUrl(request);
  const url = new URL(request.url);
  return {
    ...staffChrome(staff),
    survey,
    mail: mailEnabled(),
    doneCount: Number(url.searchParams.get("count") ?? "0") || 0,
    publicLink: `${origin}/s/${survey.publicId}`,
    batches: await listInvitationBatches(getDb(), staff.forumId, survey.id),
    done: new URL(request.url).searchParams.get("done"),
    // A refused batch comes back here from the download route with its problems and values.
    batchErrors: Object.fromEntries(
      ["label", "size"].flatMap((f) => {
        const message = new URL(request.url).searchParams.get(`error_${f}`);
        return message ? [[f, message.slice(0, 200)]] : [];
      }),
    ) as Record<string, string>,
    batchValues: {
      label: new URL(request.url).searchParams.get("label")?.slice(0, 200) ?? "",
      size: new URL(request.url).searchParams.get("size")?.slice(0, 20) ?? "200",
    },
  };
}

const AccessForm = z.object({ intent: z.literal("access"), access: z.enum(["public", "invite_only"]) });

export async function action({ request, params }: ActionFunctionArgs) {
  const { staff, survey } = await load(request, params.surveyId);
  const form = Object.fromEntries(await readForm(request));
  const db = getDb();
  if (form.intent === "access") {
    const parsed = AccessForm.safeParse(form);
    if (!parsed.success) return json({ errors: { access: "Choose who can answer" }, values: form }, { status: 400 });
    await setSurveyAccess(db, staff.forumId, survey.id, parsed.data.access);
    await audit(staff, "survey.access_changed", survey.id, { access: parsed.data.access });
    return redirect(`?done=access`);
  }
  if (form.intent === "mail_batch") {
    if (!mailEnabled())
      return json({ errors: { addresses: "Mail is off: set SMTP_URL to send invitations by e-mail" }, values: form }, { status: 400 });
    const parsed = MailBatchForm.safeParse({ label: form.mail_label ?? "", addresses: form.addresses ?? "" });
    if (!parsed.success) {
      const errors = firstErrors(parsed.error);
      return json(
        {
          errors: { ...(errors.label ? { mail_label: errors.label } : {}), ...(errors.addresses ? { addresses: errors.addresses } : {}) },
          values: form,
        },
        { status: 400 },
      );
    }
    const { sent } = await mailInvitationBatch(db, {
      forumId: staff.forumId,
      forumName: staff.forumName,
      surveyId: survey.id,
      surveyTitle: survey.title,
      label: parsed.data.label,
      addresses: parsed.data.addresses,
      createdBy: staff.user.id,
      base: publicBaseUrl(request),
    });
    await audit(staff, "survey.invitations_mailed", survey.id, { count: sent });
    return redirect(`?done=mailed&count=${sent}`);
  }
  if (form.intent === "revoke_batch") {
    const revoked = await revokeInvitationBatch(db, staff.forumId, survey.id, String(form.batch ?? "").slice(0, 100));
    if (revoked < 0) return json({ errors: { batches: "That batch was not found, or is already revoked" }, values: form }, { status: 400 });
    await audit(staff, "survey.invitations_revoked", survey.id, { links: revoked });
    return redirect(`?done=batch_revoked&count=${revoked}`);
  }
  if (form.intent === "revoke_link") {
    const outcome = await revokeInvitationLink(db, staff.forumId, survey.id, String(form.link ?? "").slice(0, 300));
    if (outcome === "unknown")
      return json(
        { errors: { link: "That is not one of this survey’s invitation links: paste the whole link" }, values: form },
        { status: 400 },
      );
    if (outcome === "used")
      return json({ errors: { link: "That link was already used: a response was sent with it" }, values: form }, { status: 400 });
    await audit(staff, "survey.invitation_link_revoked", survey.id);
    return redirect(`?done=link_revoked`);
  }
  return json({ errors: { form: "Unknown action" } as Record<string, string>, values: form }, { status: 400 });
}

const DONE: Record<string, (count: number) => string> = {
  access: () => "Who can answer has been updated.",
  mailed: (n) =>
    `${n} invitation${n === 1 ? "" : "s"} queued to be sent by e-mail, one link each. Which address got which link is not kept.`,
  batch_revoked: (n) => `Batch revoked: ${n} unused link${n === 1 ? "" : "s"} no longer work${n === 1 ? "s" : ""}.`,
  link_revoked: () => "Link revoked: it no longer opens the survey.",
};

export default function ShareSurvey() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = translator("en");
  const errors = { ...data.batchErrors, ...((result as { errors?: Record<string, string> } | undefined)?.errors ?? {}) };
  const values = data.batchValues;
  const sent = (result as { values?: Record<string, unknown> } | undefined)?.values ?? {};
  const formValue = (name: string) => (typeof sent[name] === "string" ? (sent[name] as string) : "");
  const base = `/admin/surveys/${data.survey.id}`;
  return (
    <>
      <a className="back-link" href={base}>
        Back to the survey
      </a>
      <ErrorSummary errors={Object.entries(errors).map(([field, text]) => ({ href: `#${field}`, text }))} t={t} />
      {data.done && data.done in DONE ? (
        <div className="notification" role="status">
          <p className="notification__title">{DONE[data.done](data.doneCount)}</p>
        </div>
      ) : null}
      <h1 className="heading-l">Share “{data.survey.title}”</h1>
      {!data.survey.published ? <p className="body">Publish the survey before you share it.</p> : null}

      <h2 className="heading-m">Public link</h2>
      <p className="body">
        <a href={data.publicLink} data-testid="public-link">
          {data.publicLink}
        </a>
      </p>
      {data.survey.access === "invite_only" ? (
        <p className="body" data-testid="no-qr">
          This survey is for invited people only, so there is no public QR code: the public link asks for an invitation.
        </p>
      ) : (
        <>
          <h2 className="heading-m">QR code for posters and coffee mornings</h2>
          <img className="qr" src={`${base}/qr.svg`} alt={`QR code for ${data.publicLink}`} width={200} height={200} />
          <p className="body">
            Download:{" "}
            <a href={`${base}/qr.png`} download>
              PNG (for printing)
            </a>{" "}
            ·{" "}
            <a href={`${base}/qr.svg`} download>
              SVG (scales to any size)
            </a>
          </p>
        </>
      )}

      <h2 className="heading-m">Who can answer</h2>
      <form method="post">
        <input type="hidden" name="intent" value="access" />
        <div className="radios">
          {[
            ["public", "Anyone with the public link"],
            ["invite_only", "Only people with a single-use invitation link (for example one per school setting)"],
          ].map(([value, label]) => (
            <div className="radios__item" key={value}>
              <input
                className="radios__input"
                type="radio"
                id={`access-${value}`}
                name="access"
                value={value}
                defaultChecked={data.survey.access === value}
              />
              <label className="label radios__label" htmlFor={`access-${value}`}>
                {label}
              </label>
            </div>
          ))}
        </div>
        <Button secondary>Save</Button>
      </form>

      <h2 className="heading-m">Single-use invitation links</h2>
      <p className="body">
        Each link lets one person send one response. The stored response keeps no link to the invitation, so answers cannot be traced to the
        setting it was sent to. The links download as a CSV file now and cannot be shown again.
      </p>
      <form method="post" action={`${base}/invitations.csv`} noValidate>
        <TextField
          id="label"
          name="label"
          label="Name of this batch"
          hint="For example: Spring 2026 SENCOs"
          value={values.label}
          error={errors.label}
          t={t}
        />
        <TextField
          id="size"
          name="size"
          label="How many links"
          value={values.size}
          error={errors.size}
          inputMode="numeric"
          width="number"
          t={t}
        />
        <Button>Create links and download CSV</Button>
      </form>
      <h3 className="heading-s">Send links by e-mail</h3>
      {data.mail ? (
        <form method="post" noValidate>
          <input type="hidden" name="intent" value="mail_batch" />
          <p className="body">
            Each address gets its own single-use link by e-mail. Which address got which link is not kept anywhere, so answers stay
            unlinkable to the setting.
          </p>
          <TextField
            id="mail_label"
            name="mail_label"
            label="Name of this batch"
            value={formValue("mail_label")}
            error={errors.mail_label}
            t={t}
          />
          <TextField
            id="addresses"
            name="addresses"
            label="E-mail addresses, one a line"
            multiline
            value={formValue("addresses")}
            error={errors.addresses}
            t={t}
          />
          <Button>Send invitations</Button>
        </form>
      ) : (
        <p className="body">Mail is off, so links cannot be sent from here: download them as a CSV above.</p>
      )}
      <h3 className="heading-s">Revoke a leaked link</h3>
      <form method="post" noValidate>
        <input type="hidden" name="intent" value="revoke_link" />
        <TextField
          id="link"
          name="link"
          label="The link"
          hint="Paste the whole link, for example one forwarded to the wrong person."
          value={formValue("link")}
          error={errors.link}
          t={t}
        />
        <Button secondary>Revoke this link</Button>
      </form>
      {data.batches.length === 0 ? (
        <p className="body">No invitation links yet.</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Batches of single-use links" id="batches">
          <table className="table">
            <caption>Invitation batches</caption>
            <thead>
              <tr>
                <th scope="col">Batch</th>
                <th scope="col">Created</th>
                <th scope="col" className="num">
                  Links
                </th>
                <th scope="col" className="num">
                  Used
                </th>
                <th scope="col">Revoke</th>
              </tr>
            </thead>
            <tbody>
              {data.batches.map((b) => (
                <tr key={b.id}>
                  <td>{b.label}</td>
                  <td>{b.createdAt.slice(0, 10)}</td>
                  <td className="num">{b.size}</td>
                  <td className="num">{b.spent}</td>
                  <td>
                    {b.revoked ? (
                      "Revoked"
                    ) : (
                      <form method="post">
                        <input type="hidden" name="intent" value="revoke_batch" />
                        <input type="hidden" name="batch" value={b.id} />
                        <button type="submit" className="link-button">
                          Revoke unused links<span className="visually-hidden"> of {b.label}</span>
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
