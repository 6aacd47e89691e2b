import { Button, FilterSelect } from "~/components/forms";
import { queueSearch, type BulkOutcome, type QueueQuery } from "~/schemas/moderation-queue";

interface Option {
  value: string;
  label: string;
}

/** The queue's filters: a GET form, so they stay in the address and work without JavaScript. */
export function QueueFilters({
  query,
  surveys,
  questions,
  languages,
  themes,
}: {
  query: QueueQuery;
  surveys: Option[];
  questions: Option[];
  languages: Option[];
  themes: Option[];
}) {
  return (
    <form method="get" className="moderation-filter" aria-label="Filter the answers" role="search">
      <div className="moderation-filter__field moderation-filter__search">
        <label className="label" htmlFor="filter-q">
          Search the text
        </label>
        <input className="input" id="filter-q" name="q" type="search" defaultValue={query.q ?? ""} maxLength={200} />
      </div>
      <FilterSelect id="filter-survey" name="survey" label="Survey" allLabel="All surveys" value={query.survey ?? ""} options={surveys} />
      <FilterSelect
        id="filter-question"
        name="question"
        label="Question"
        allLabel="All questions"
        value={query.question ?? ""}
        options={questions}
      />
      <FilterSelect
        id="filter-language"
        name="language"
        label="Language"
        allLabel="All languages"
        value={query.language ?? ""}
        options={languages}
      />
      <FilterSelect id="filter-theme" name="theme" label="Theme" allLabel="All themes" value={query.theme ?? ""} options={themes} />
      <div className="moderation-filter__field">
        <label className="label" htmlFor="filter-state">
          State
        </label>
        <select className="select" id="filter-state" name="state" defaultValue={query.state}>
          <option value="pending">Pending</option>
          <option value="approved">Approved</option>
          <option value="rejected">Rejected</option>
          <option value="all">All states</option>
        </select>
      </div>
      <div className="moderation-filter__field">
        <label className="label" htmlFor="filter-sort">
          Order
        </label>
        <select className="select" id="filter-sort" name="sort" defaultValue={query.sort}>
          <option value="oldest">Oldest first</option>
          <option value="newest">Newest first</option>
        </select>
      </div>
      <fieldset className="moderation-filter__field moderation-filter__checks">
        <legend className="label">Only answers that</legend>
        <FilterCheck name="suggestions" checked={query.suggestions === "1"} label="have suggested redactions" />
        <FilterCheck name="flagged" checked={query.flagged === "1"} label="are flagged for safeguarding" />
        <FilterCheck name="untagged" checked={query.untagged === "1"} label="have no theme yet" />
      </fieldset>
      <div className="moderation-filter__field">
        <Button secondary>Filter</Button>
      </div>
      {queueSearch(query, { page: undefined }) !== "" ? (
        <p className="moderation-filter__field">
          <a href="/admin/moderation">Clear the filters</a>
        </p>
      ) : null}
    </form>
  );
}

function FilterCheck({ name, checked, label }: { name: string; checked: boolean; label: string }) {
  return (
    <div className="checkboxes__item">
      <input className="checkboxes__input" type="checkbox" id={`filter-${name}`} name={name} value="1" defaultChecked={checked} />
      <label className="label checkboxes__label" htmlFor={`filter-${name}`}>
        {label}
      </label>
    </div>
  );
}

const REFUSAL_TEXT: Record<string, string> = {
  suggested_redactions: "has suggested redactions: open it to check",
  safeguarding: "is flagged for safeguarding",
  not_pending: "has already been decided",
  not_found: "is no longer in the queue",
  already_rejected: "was already rejected",
};

function answers(n: number): string {
  return `${n} ${n === 1 ? "answer" : "answers"}`;
}

/** The confirmation after a bulk action: how many, and which answers were left and why. */
export function BulkNotice({
  outcome,
  themeLabel,
  numberOf,
}: {
  outcome: BulkOutcome;
  themeLabel: string | undefined;
  numberOf: (id: string) => number | undefined;
}) {
  const headline =
    outcome.done === "themed"
      ? `Theme “${themeLabel ?? outcome.added ?? ""}” added to ${answers(outcome.n)}.`
      : `${answers(outcome.n)} ${outcome.done}.`;
  const verb = outcome.done === "approved" ? "approved" : outcome.done === "rejected" ? "rejected" : "themed";
  return (
    <>
      <div className="notification" role="status" data-testid="bulk-done">
        <p className="notification__title">{headline}</p>
        {outcome.already > 0 ? <p className="body">{answers(outcome.already)} already had this theme.</p> : null}
      </div>
      {outcome.refused.length > 0 ? (
        <div className="notification notification--info" role="status">
          <p className="notification__title">
            {outcome.refused.length} {outcome.refused.length === 1 ? "answer was" : "answers were"} not {verb}
          </p>
          <ul className="list">
            {outcome.refused.map((entry) => {
              const dot = entry.indexOf(".");
              const reason = entry.slice(0, dot);
              const id = entry.slice(dot + 1);
              const number = numberOf(id);
              return (
                <li key={entry}>
                  {number ? <a href={`/admin/moderation/${id}`}>Answer {number}</a> : "An answer"} {REFUSAL_TEXT[reason]}
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
    </>
  );
}

/** Nothing to show: either the work is done, or the filters leave nothing. */
export function EmptyQueue({ filtered, state }: { filtered: boolean; state: QueueQuery["state"] }) {
  if (!filtered && state === "pending") {
    return (
      <div className="empty-state" data-testid="queue-empty">
        <p className="body">Nothing waits for moderation: every written answer has been approved or rejected.</p>
        <p className="body">
          New answers appear here as parents submit them.{" "}
          <a href="/admin/moderation?state=approved&untagged=1">Approved answers with no theme</a> can still be given one.
        </p>
      </div>
    );
  }
  return (
    <div className="empty-state" data-testid="queue-empty">
      <p className="body">No answers match these filters.</p>
      <p className="body">
        <a href="/admin/moderation?state=all">Clear the filters and show every answer</a>
      </p>
    </div>
  );
}
