import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import * as z from "zod";
import { audit, requireRole } from "~/auth/session.server";
import { Button, ErrorSummary, TextField } from "~/components/forms";
import { getDb } from "~/db.server";
import { translator } from "~/i18n";
import { findSurveyToShare, listInvitationBatches, setSurveyAccess } from "~/models/survey-invitations.server";
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
  const origin = new URL(request.url).origin;
  return {
    ...staffChrome(staff),
    survey,
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
  return json({ errors: { form: "Unknown action" } as Record<string, string>, values: form }, { status: 400 });
}

export default function ShareSurvey() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = translator("en");
  const errors = { ...data.batchErrors, ...((result as { errors?: Record<string, string> } | undefined)?.errors ?? {}) };
  const values = data.batchValues;
  const base = `/admin/surveys/${data.survey.id}`;
  return (
    <>
      <a className="back-link" href={base}>
        Back to the survey
      </a>
      <ErrorSummary errors={Object.entries(errors).map(([field, text]) => ({ href: `#${field}`, text }))} t={t} />
      {data.done === "access" ? (
        <div className="notification" role="status">
          <p className="notification__title">Who can answer has been updated.</p>
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
      {data.batches.length === 0 ? (
        <p className="body">No invitation links yet.</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Batches of single-use links">
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
              </tr>
            </thead>
            <tbody>
              {data.batches.map((b) => (
                <tr key={b.id}>
                  <td>{b.label}</td>
                  <td>{b.createdAt.slice(0, 10)}</td>
                  <td className="num">{b.size}</td>
                  <td className="num">{b.spent}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
