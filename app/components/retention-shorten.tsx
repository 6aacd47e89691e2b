import { ErrorMessage, FormGroup } from "~/components/forms";
import { monthName } from "~/domain/periods";
import type { Translate } from "~/i18n";

/** What shortening the period would delete, as the action worked it out. */
export interface ShortenPreview {
  fromMonths: number;
  months: number;
  cutoffMonth: string;
  submitted: number;
  inProgress: number;
  heldBack: number;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Asked before a shorter period is saved: how many responses the next automatic run will delete,
 * and a box to tick for exactly that number. Going back keeps the period as it is.
 */
export function ShortenConfirmation({ preview, error, t }: { preview: ShortenPreview; error?: string; t: Translate }) {
  const due = preview.submitted + preview.inProgress;
  const cutoff = monthName(preview.cutoffMonth);
  return (
    <form method="post" action="/admin/retention" noValidate className="retention-shorten" data-testid="shorten-confirmation">
      <input type="hidden" name="intent" value="change" />
      <input type="hidden" name="months" value={preview.months} />
      <input type="hidden" name="due" value={due} />
      <h3 className="heading-s">
        Keep responses for {preview.months} months instead of {preview.fromMonths}?
      </h3>
      {due === 0 ? (
        <p className="body" data-testid="shorten-due">
          No response was sent before {cutoff}: the next automatic run will delete nothing.
        </p>
      ) : (
        <p className="body" data-testid="shorten-due">
          The next automatic run, within a few hours, will permanently delete {plural(due, "response", "responses")}
          {preview.submitted > 0 ? `: ${plural(preview.submitted, "response", "responses")} sent before ${cutoff}` : ""}
          {preview.inProgress > 0 ? `${preview.submitted > 0 ? " and" : ":"} ${preview.inProgress} unfinished` : ""}. They cannot be brought
          back. Their KPI counts are kept.
        </p>
      )}
      {preview.heldBack > 0 ? (
        <p className="body">
          {plural(preview.heldBack, "more response is", "more responses are")} held back by an unresolved safeguarding concern.
        </p>
      ) : null}
      <FormGroup error={error}>
        <ErrorMessage id="confirm_shorter-error" text={error} t={t} />
        <div className="checkboxes">
          <div className="checkboxes__item">
            <input
              className="checkboxes__input"
              type="checkbox"
              id="confirm_shorter"
              name="confirm_shorter"
              value="on"
              aria-describedby={error ? "confirm_shorter-error" : undefined}
            />
            <label className="label checkboxes__label" htmlFor="confirm_shorter">
              I understand the next run deletes {plural(due, "response", "responses")} for good
            </label>
          </div>
        </div>
      </FormGroup>
      <button type="submit" className="button button--warning">
        Keep responses for {preview.months} months
      </button>
      <p className="body">
        <a href="/admin/retention">Keep {preview.fromMonths} months</a>
      </p>
    </form>
  );
}
