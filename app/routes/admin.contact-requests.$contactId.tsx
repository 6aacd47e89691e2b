import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireSafeguardingLead } from "~/auth/safeguarding.server";
import { firstErrors } from "~/auth/staff-forms.server";
import { staffChrome } from "~/auth/staff.server";
import { ContactStatusTag } from "~/components/contact-requests";
import { Button, ChoiceField, ErrorSummary, TextField } from "~/components/forms";
import { formatDate } from "~/components/moderation";
import { getDb } from "~/db.server";
import { formText, notFound, readForm } from "~/http.server";
import { translator } from "~/i18n";
import { isForumContactRequest, updateContactRequest, viewContactRequest } from "~/models/contact-requests.server";
import { CONTACT_STATUS_LABELS, CONTACT_STATUSES, ContactRequestForm } from "~/schemas/contact-requests";
import type { Staff } from "~/auth/session.server";

export const meta: MetaFunction = () => [{ title: "Contact request" }];
/** A name and a phone number: never kept by a browser's or a proxy's cache. */
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

const viewer = (staff: Staff) => ({ forumId: staff.forumId, userId: staff.user.id, seesSafeguarding: true });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireSafeguardingLead(request, "contact requests");
  const entry = await viewContactRequest(getDb(), viewer(staff), params.contactId ?? "");
  if (!entry) throw notFound();
  return { ...staffChrome(staff), entry, saved: new URL(request.url).searchParams.get("saved") === "1" };
}

interface ActionData {
  errors: Record<string, string>;
  values: { status: string; note: string };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireSafeguardingLead(request, "contact requests");
  const id = params.contactId ?? "";
  if (!(await isForumContactRequest(getDb(), staff.forumId, id))) throw notFound();
  const form = await readForm(request);
  const values = { status: formText(form, "status", 20), note: formText(form, "note", 5000) };
  const parsed = ContactRequestForm.safeParse(values);
  if (!parsed.success) return json<ActionData>({ errors: firstErrors(parsed.error), values }, { status: 400 });
  if (!(await updateContactRequest(getDb(), viewer(staff), id, parsed.data))) throw notFound();
  return redirect(`/admin/contact-requests/${encodeURIComponent(id)}?saved=1`);
}

export default function ContactRequest() {
  const { entry, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = translator("en");
  const errors = result?.errors ?? {};
  return (
    <>
      <a href="/admin/contact-requests" className="back-link">
        Back to contact requests
      </a>
      <ErrorSummary errors={Object.entries(errors).map(([field, text]) => ({ href: `#${field}`, text }))} t={t} />
      {saved && !result ? (
        <div className="notification" role="status">
          <p className="notification__title">Saved: the request is {CONTACT_STATUS_LABELS[entry.status].toLowerCase()}.</p>
        </div>
      ) : null}
      <h1 className="heading-l">Contact request</h1>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt className="summary-list__key">Name</dt>
          <dd className="summary-list__value">{entry.name || "No name given"}</dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Phone or e-mail</dt>
          <dd className="summary-list__value">{entry.contact}</dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Asked</dt>
          <dd className="summary-list__value">{formatDate(entry.createdAt)}</dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Survey</dt>
          <dd className="summary-list__value">
            {entry.surveyTitle}
            {entry.answersSent ? "" : " (answers not sent yet)"}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Status</dt>
          <dd className="summary-list__value">
            <ContactStatusTag status={entry.status} />
            {entry.updatedAt ? ` since ${formatDate(entry.updatedAt)}${entry.updatedBy ? `, by ${entry.updatedBy}` : ""}` : ""}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Flagged answer</dt>
          <dd className="summary-list__value">
            {entry.flaggedItemIds.length === 0
              ? "None of this parent's answers is flagged."
              : entry.flaggedItemIds.map((id, i) => (
                  <span key={id}>
                    {i > 0 ? ", " : ""}
                    <a href={`/admin/moderation/${id}`}>Flagged answer {i + 1}</a>
                  </span>
                ))}
          </dd>
        </div>
      </dl>
      <form method="post" noValidate>
        <ChoiceField
          type="radio"
          name="status"
          idPrefix="status"
          legend="Where does the request stand?"
          choices={CONTACT_STATUSES.map((status) => ({ value: status, label: CONTACT_STATUS_LABELS[status] }))}
          selected={[result?.values.status ?? entry.status]}
          error={errors.status}
          t={t}
        />
        <TextField
          name="note"
          id="note"
          label="Note of what was done"
          hint="For example when you rang and what was agreed. Deleted with the request."
          multiline
          value={result?.values.note ?? entry.note ?? ""}
          error={errors.note}
          t={t}
        />
        <Button>Save</Button>
      </form>
    </>
  );
}
