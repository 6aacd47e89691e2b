import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/session.server";
import { ErrorMessage, ErrorSummary, FormGroup, TextField } from "~/components/forms";
import { getDb } from "~/db.server";
import { monthName } from "~/domain/periods";
import { translator } from "~/i18n";
import { listAudit } from "~/models/audit.server";
import { applyRetention, retentionStatus, setRetentionMonths } from "~/models/retention.server";
import { ApplyRetentionSchema, RETENTION_MONTHS_MAX, RETENTION_MONTHS_MIN, RetentionMonthsSchema } from "~/schemas/retention";
import { firstErrors } from "~/auth/staff-forms.server";
import { staffChrome } from "~/auth/staff.server";
import { formText, readForm } from "~/http.server";
import { ShortenConfirmation, type ShortenPreview } from "~/components/retention-shorten";

export const meta: MetaFunction = () => [{ title: "Data retention" }];
export const handle = { wide: true };

const PAGE = "/admin/retention";
/** How many of the latest retention entries the page lists; the audit log has the rest. */
const RECENT_ENTRIES = 10;

type Done = { kind: "changed" } | { kind: "nothing" } | { kind: "applied"; sent: number; unfinished: number; held: number; left: number };

/** A count from our own redirect; anything else means the notification is not shown. */
function countParam(params: URLSearchParams, name: string): number | null {
  const value = params.get(name) ?? "";
  return /^\d{1,9}$/.test(value) ? Number(value) : null;
}

function readDone(params: URLSearchParams): Done | null {
  const done = params.get("done");
  if (done === "changed" || done === "nothing") return { kind: done };
  if (done !== "applied") return null;
  const [sent, unfinished, held, left] = ["sent", "unfinished", "held", "left"].map((name) => countParam(params, name));
  if (sent === null || unfinished === null || held === null || left === null) return null;
  return { kind: "applied", sent, unfinished, held, left };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireRole(request, ["admin"]);
  const db = getDb();
  const [status, audit] = await Promise.all([
    retentionStatus(db, staff.forumId),
    listAudit(db, staff.forumId, { actionPrefix: "retention." }, 1),
  ]);
  return {
    ...staffChrome(staff),
    status,
    entries: audit.entries.slice(0, RECENT_ENTRIES),
    totalEntries: audit.total,
    done: readDone(new URL(request.url).searchParams),
  };
}

interface ActionData {
  errors: Record<string, string>;
  values: { months: string };
  /** Shortening asks first: what the next run would then delete. */
  shorten?: ShortenPreview;
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireRole(request, ["admin"]);
  const db = getDb();
  const form = await readForm(request);
  const fail = (errors: Record<string, string>, months = "") => json<ActionData>({ errors, values: { months } }, { status: 400 });
  const intent = form.get("intent");

  if (intent === "change") {
    const months = formText(form, "months");
    const parsed = RetentionMonthsSchema.safeParse({ months });
    if (!parsed.success) return fail(firstErrors(parsed.error), months);
    const current = await retentionStatus(db, staff.forumId);
    let confirmedDue: number | undefined;
    if (parsed.data.months < current.retentionMonths) {
      const after = await retentionStatus(db, staff.forumId, new Date(), parsed.data.months);
      const due = after.submitted + after.inProgress;
      const shorten: ShortenPreview = {
        fromMonths: current.retentionMonths,
        months: parsed.data.months,
        cutoffMonth: after.cutoffMonth,
        submitted: after.submitted,
        inProgress: after.inProgress,
        heldBack: after.heldBack,
      };
      const answered = form.has("due");
      const ticked = formText(form, "confirm_shorter") === "on";
      if (!answered) return json<ActionData>({ errors: {}, values: { months }, shorten });
      if (formText(form, "due") !== String(due)) {
        const error = `The number of responses this would delete changed since the page was shown: it is now ${due}. Check it and tick the box again.`;
        return json<ActionData>({ errors: { confirm_shorter: error }, values: { months }, shorten }, { status: 400 });
      }
      if (!ticked) {
        const error = "Tick the box to confirm that you understand the responses are deleted for good";
        return json<ActionData>({ errors: { confirm_shorter: error }, values: { months }, shorten }, { status: 400 });
      }
      confirmedDue = due;
    }
    try {
      await setRetentionMonths(db, staff.forumId, parsed.data.months, staff.user.id, confirmedDue);
    } catch (error) {
      if (error instanceof RangeError)
        return fail({ months: `Enter a whole number of months from ${RETENTION_MONTHS_MIN} to ${RETENTION_MONTHS_MAX}` }, months);
      throw error;
    }
    return redirect(`${PAGE}?done=changed`);
  }

  if (intent === "apply") {
    const parsed = ApplyRetentionSchema.safeParse({ confirm: formText(form, "confirm") || undefined, due: formText(form, "due") });
    if (!parsed.success) {
      const errors = firstErrors(parsed.error);
      return fail({ confirm: errors.confirm ?? "This page was out of date. Check the number of responses and try again." });
    }
    const status = await retentionStatus(db, staff.forumId);
    const due = status.submitted + status.inProgress;
    // Nothing left to delete (the automatic run may just have done it): nothing to confirm either.
    if (due === 0) return redirect(`${PAGE}?done=nothing`);
    // Only what the person confirmed: if more became due since the page was shown, ask again.
    if (due !== parsed.data.due) {
      return fail({
        confirm: `The number of responses due for deletion changed since you opened this page: it is now ${due}. Check it and tick the box again.`,
      });
    }
    const result = await applyRetention(db, staff.forumId, staff.user.id);
    const counts = new URLSearchParams({
      done: "applied",
      sent: String(result.submitted),
      unfinished: String(result.inProgress),
      held: String(result.heldBack),
      left: String(result.skippedSurveys),
    });
    return redirect(`${PAGE}?${counts}`);
  }

  return fail({ change: "Use one of the buttons on this page." });
}

const dateTimeFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", dateStyle: "long", timeStyle: "short" });
const shortDateTime = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", dateStyle: "medium", timeStyle: "short" });

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "4 responses: 3 sent and 1 unfinished …", or "None". */
function dueWords(sent: number, unfinished: number, cutoff: string): string {
  if (sent + unfinished === 0) return "None";
  const parts: string[] = [];
  if (sent > 0) parts.push(`${sent} sent before ${cutoff}`);
  if (unfinished > 0) parts.push(`${unfinished} unfinished, not touched since before ${cutoff}`);
  return `${plural(sent + unfinished, "response", "responses")}: ${parts.join(" and ")}`;
}

/** One retention entry of the audit log in words. */
function describe(action: string, detail: string | null): string {
  let d: Record<string, unknown> = {};
  try {
    d = detail ? (JSON.parse(detail) as Record<string, unknown>) : {};
  } catch {
    return detail ?? "";
  }
  const n = (key: string) => Number(d[key] ?? 0);
  if (action === "retention.changed") {
    const confirmed =
      typeof d.confirmed_due === "number"
        ? `; confirmed that the next run deletes ${plural(n("confirmed_due"), "response", "responses")}`
        : "";
    return `Changed how long responses are kept from ${n("from_months")} to ${n("to_months")} months${confirmed}`;
  }
  if (action === "retention.applied") {
    const parts = [
      `Deleted ${plural(n("submitted_deleted"), "sent response", "sent responses")} and ${plural(n("in_progress_deleted"), "unfinished response", "unfinished responses")}` +
        (typeof d.cutoff_month === "string" ? ` from before ${monthName(d.cutoff_month)}` : ""),
    ];
    if (n("held_back") > 0) parts.push(`${n("held_back")} held back by a safeguarding concern`);
    if (n("surveys_left_for_next_run") > 0)
      parts.push(`${plural(n("surveys_left_for_next_run"), "survey", "surveys")} left for the next run`);
    return parts.join("; ");
  }
  return Object.entries(d)
    .map(([key, value]) => `${key.replace(/_/g, " ")}: ${value === null ? "none" : String(value)}`)
    .join(", ");
}

function DoneNotification({ done, months }: { done: Done; months: number }) {
  if (done.kind === "changed") {
    return (
      <div className="notification" role="status">
        <p className="notification__title">Responses are now kept for {months} months.</p>
      </div>
    );
  }
  if (done.kind === "nothing") {
    return (
      <div className="notification" role="status">
        <p className="notification__title">Nothing was due for deletion</p>
        <p className="body">The responses past retention had already been deleted, probably by the automatic run.</p>
      </div>
    );
  }
  const deleted = done.sent + done.unfinished;
  return (
    <div className="notification" role="status">
      <p className="notification__title">
        {deleted === 0 ? "No responses were deleted" : `${plural(deleted, "response", "responses")} deleted`}
      </p>
      <p className="body">
        {deleted > 0
          ? `${plural(done.sent, "sent response", "sent responses")} and ${plural(done.unfinished, "unfinished response", "unfinished responses")}. `
          : ""}
        {done.held > 0
          ? `${plural(done.held, "response is", "responses are")} held back by an unresolved safeguarding concern.`
          : "None were held back."}
      </p>
      {done.left > 0 ? (
        <p className="body">
          The responses of {plural(done.left, "survey", "surveys")} were not deleted yet because their figures must be counted again first.
          They are tried again at the next automatic run.
        </p>
      ) : null}
    </div>
  );
}

export default function Retention() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = translator("en");
  const errors = result?.errors ?? {};
  const { status } = data;
  const cutoff = monthName(status.cutoffMonth);
  const due = status.submitted + status.inProgress;
  return (
    <>
      <ErrorSummary errors={Object.entries(errors).map(([field, text]) => ({ href: `#${field}`, text }))} t={t} />
      {data.done ? <DoneNotification done={data.done} months={status.retentionMonths} /> : null}
      <h1 className="heading-l">Data retention</h1>
      <p className="body">
        {data.nav.forumName} keeps each response (the answers, consents, contact details and written answers waiting for moderation) for a
        set time, then deletes it. This happens automatically every few hours.
      </p>

      <dl className="summary-list">
        <div className="summary-list__row">
          <dt className="summary-list__key">How long responses are kept</dt>
          <dd className="summary-list__value" data-testid="months">
            {status.retentionMonths} months
          </dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">What is deleted</dt>
          <dd className="summary-list__value" data-testid="cutoff">
            Responses sent before {cutoff} are deleted.
          </dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Due for deletion now</dt>
          <dd className="summary-list__value" data-testid="due">
            {dueWords(status.submitted, status.inProgress, cutoff)}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Held back</dt>
          <dd className="summary-list__value" data-testid="held-back">
            {status.heldBack === 0 ? (
              "None"
            ) : (
              <>
                {plural(status.heldBack, "response is", "responses are")} kept because of an unresolved safeguarding concern.{" "}
                {status.heldBack === 1 ? "It is" : "They are"} deleted once the safeguarding lead resolves the concern.{" "}
                <a href="/admin/moderation/safeguarding">See the safeguarding concerns</a>
              </>
            )}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Last checked</dt>
          <dd className="summary-list__value" data-testid="checked-at">
            {status.checkedAt ? <time dateTime={status.checkedAt}>{dateTimeFormat.format(new Date(status.checkedAt))}</time> : "Not yet"}
          </dd>
        </div>
      </dl>
      <p className="body">
        KPI figures, board reports and published results are kept. Every response is counted before it is deleted, and those counts are
        never changed afterwards.
      </p>

      <h2 className="heading-m" id="apply">
        Delete responses past retention now
      </h2>
      {due === 0 ? (
        <p className="body" data-testid="nothing-due">
          Nothing is due for deletion now.
        </p>
      ) : (
        <form method="post" action={PAGE} noValidate>
          <input type="hidden" name="intent" value="apply" />
          <input type="hidden" name="due" value={due} />
          <p className="body">
            You do not need to do this: the automatic run deletes them within a few hours. Use it if they must go straight away. Deleted
            responses cannot be brought back.
          </p>
          <FormGroup error={errors.confirm}>
            <ErrorMessage id="confirm-error" text={errors.confirm} t={t} />
            <div className="checkboxes">
              <div className="checkboxes__item">
                <input
                  className="checkboxes__input"
                  type="checkbox"
                  id="confirm"
                  name="confirm"
                  value="on"
                  aria-describedby={errors.confirm ? "confirm-error" : undefined}
                />
                <label className="label checkboxes__label" htmlFor="confirm">
                  I understand this permanently deletes {plural(due, "response", "responses")}
                </label>
              </div>
            </div>
          </FormGroup>
          <button type="submit" className="button button--warning">
            Delete {plural(due, "response", "responses")} now
          </button>
        </form>
      )}

      <h2 className="heading-m" id="change">
        Change how long responses are kept
      </h2>
      {result?.shorten ? <ShortenConfirmation preview={result.shorten} error={errors.confirm_shorter} t={t} /> : null}
      <form method="post" action={PAGE} noValidate hidden={result?.shorten !== undefined}>
        <input type="hidden" name="intent" value="change" />
        <TextField
          id="months"
          name="months"
          label="Number of months"
          hint={`A whole number from ${RETENTION_MONTHS_MIN} to ${RETENTION_MONTHS_MAX}. The usual period is 24 months. If you make it shorter, the older responses are deleted at the next automatic run. Make sure your privacy notice says the same.`}
          value={result?.values.months ?? String(status.retentionMonths)}
          error={errors.months}
          inputMode="numeric"
          width="number"
          maxLength={4}
          t={t}
        />
        <button type="submit" className="button">
          Save
        </button>
      </form>

      <h2 className="heading-m">Recent retention activity</h2>
      {data.entries.length === 0 ? (
        <p className="body">Nothing yet: changes to the period and deletions will be listed here.</p>
      ) : (
        <>
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Latest retention changes and deletions">
            <table className="table">
              <caption>Latest retention changes and deletions, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">What</th>
                </tr>
              </thead>
              <tbody>
                {data.entries.map((e) => (
                  <tr key={e.id} data-action={e.action}>
                    <td>
                      <time dateTime={e.at}>{shortDateTime.format(new Date(e.at))}</time>
                    </td>
                    <td>{e.actorEmail ?? (e.actor === "system" ? "Automatic run" : e.actor)}</td>
                    <td>{describe(e.action, e.detail)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {data.totalEntries > data.entries.length ? (
            <p className="body">
              <a href="/admin/audit?action=retention.">See all {data.totalEntries} retention entries in the audit log</a>
            </p>
          ) : null}
        </>
      )}
    </>
  );
}
