import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import * as z from "zod";
import { requireRole } from "~/auth/session.server";
import { Button, ErrorSummary, FilterSelect } from "~/components/forms";
import { formatDate, HighlightedText, QuoteConsentTag, RedactionLegend, STATE_TAGS } from "~/components/moderation";
import { getDb } from "~/db.server";
import type { RedactionKind } from "~/domain/pii";
import { translator } from "~/i18n";
import { bulkApprove, type BulkRefusal } from "~/models/moderation-decisions.server";
import { ensureQueued, listQueue, QUEUE_PAGE_SIZE } from "~/models/moderation-queue.server";
import { listThemes, seedThemes } from "~/models/moderation-themes.server";
import { moderationSurveys } from "~/models/moderation-definitions.server";
import { staffChrome } from "~/auth/staff.server";
import { readForm } from "~/http.server";

export const meta: MetaFunction = () => [{ title: "Moderation" }];
export const handle = { wide: true };

const Filter = z.object({
  survey: z.string().max(100).optional(),
  theme: z.string().max(60).optional(),
  state: z.enum(["pending", "approved", "rejected", "all"], { error: "Choose a state from the list" }).default("pending"),
  flagged: z.enum(["1"]).optional(),
  page: z.coerce.number({ error: "The page must be a number" }).int("The page must be a whole number").min(1).max(100_000).default(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireRole(request, ["moderator"]);
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
  const parsed = Filter.safeParse(params);
  if (!parsed.success) {
    throw json({ title: "That filter is not valid", body: parsed.error.issues[0].message }, { status: 400 });
  }
  const db = getDb();
  let themes = await listThemes(db, staff.forumId);
  if (themes.length === 0) {
    // A forum created after the demo seed starts with the default taxonomy.
    await seedThemes(db, staff.forumId);
    themes = await listThemes(db, staff.forumId);
  }
  await ensureQueued(db, staff.forumId);
  const filter = parsed.data;
  const queue = await listQueue(db, staff.forumId, {
    surveyId: filter.survey,
    theme: filter.theme,
    state: filter.state,
    flagged: filter.flagged === "1",
    page: filter.page,
  });
  return {
    ...staffChrome(staff),
    queue,
    pageSize: QUEUE_PAGE_SIZE,
    themes,
    surveys: await moderationSurveys(db, staff.forumId),
    filter: { survey: filter.survey ?? "", theme: filter.theme ?? "", state: filter.state, flagged: filter.flagged === "1" },
    canSeeSafeguarding: staff.role === "admin" || staff.safeguardingLead,
  };
}

const BulkForm = z.object({
  items: z
    .array(z.string().min(1).max(100))
    .min(1, "Select at least one answer to approve")
    .max(200, "Approve at most 200 answers at once"),
});

type BulkResult = { done: string | null; error: string | null; refused: BulkRefusal[] };

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireRole(request, ["moderator"]);
  const form = await readForm(request);
  const parsed = BulkForm.safeParse({ items: form.getAll("item").map(String) });
  if (!parsed.success) {
    return json<BulkResult>({ done: null, error: parsed.error.issues[0].message, refused: [] }, { status: 400 });
  }
  const result = await bulkApprove(getDb(), staff, parsed.data.items);
  const approved = result.approved.length;
  return json<BulkResult>({
    done: approved === 0 ? null : `${approved} ${approved === 1 ? "answer" : "answers"} approved.`,
    error: null,
    refused: result.refused,
  });
}

const REFUSAL_TEXT: Record<BulkRefusal["reason"], string> = {
  suggested_redactions: "has suggested redactions: open it to check",
  safeguarding: "is flagged for safeguarding",
  not_pending: "has already been decided",
  not_found: "is no longer in the queue",
};

function queryString(filter: Record<string, string | number | boolean>, change: Record<string, string | number | boolean>): string {
  const merged = { ...filter, ...change };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) {
    if (value === "" || value === false || (key === "page" && value === 1)) continue;
    params.set(key, value === true ? "1" : String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}

export default function ModerationQueue() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = translator("en");
  const { queue, filter } = data;
  const kinds = [...new Set(queue.items.flatMap((i) => i.suggestions.map((s) => s.kind)))] as RedactionKind[];
  const firstNumber = (queue.page - 1) * data.pageSize + 1;
  const byId = new Map(queue.items.map((item, i) => [item.id, { item, number: firstNumber + i }]));
  const baseFilter = { survey: filter.survey, theme: filter.theme, state: filter.state, flagged: filter.flagged };
  const hasPending = queue.items.some((i) => i.state === "pending");

  return (
    <>
      <ErrorSummary errors={result?.error ? [{ href: "#items", text: result.error }] : []} t={t} />
      {result?.done ? (
        <div className="notification" role="status">
          <p className="notification__title">{result.done}</p>
        </div>
      ) : null}
      {result && result.refused.length > 0 ? (
        <div className="notification notification--info" role="status">
          <p className="notification__title">
            {result.refused.length} {result.refused.length === 1 ? "answer was" : "answers were"} not approved
          </p>
          <ul className="list">
            {result.refused.map((r) => {
              const entry = byId.get(r.id);
              return (
                <li key={r.id}>
                  {entry ? <a href={`/admin/moderation/${r.id}`}>Answer {entry.number}</a> : "An answer"} {REFUSAL_TEXT[r.reason]}
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}

      <h1 className="heading-l">Moderation</h1>
      <p className="body">
        Written answers from submitted responses. Only approved text can appear in any export, page or &ldquo;you said, we did&rdquo;
        evidence, and only the redacted copy of a redacted answer.
      </p>
      <ul className="moderation-links">
        <li>
          <a href="/admin/moderation/terms">Names to look out for (schools, staff)</a>
        </li>
        {data.canSeeSafeguarding ? (
          <li>
            <a href="/admin/moderation/safeguarding">Safeguarding: needs action ({queue.counts.flagged})</a>
          </li>
        ) : null}
      </ul>

      <h2 className="heading-m">Counts</h2>
      <ul className="moderation-counts" aria-label="Answers by state">
        {(["pending", "approved", "rejected"] as const).map((state) => (
          <li key={state}>
            <a
              href={`/admin/moderation${queryString(baseFilter, { state, page: 1, flagged: false })}`}
              aria-current={filter.state === state && !filter.flagged ? "true" : undefined}
            >
              {STATE_TAGS[state].label}: <strong data-testid={`count-${state}`}>{queue.counts[state]}</strong>
            </a>
          </li>
        ))}
        <li>
          <a
            href={`/admin/moderation${queryString(baseFilter, { state: "all", flagged: true, page: 1 })}`}
            aria-current={filter.flagged ? "true" : undefined}
          >
            Safeguarding flags open: <strong data-testid="count-flagged">{queue.counts.flagged}</strong>
          </a>
        </li>
      </ul>

      <form method="get" className="moderation-filter">
        <FilterSelect
          id="filter-survey"
          name="survey"
          label="Survey"
          allLabel="All surveys"
          value={filter.survey}
          options={data.surveys.map((s) => ({ value: s.id, label: s.title }))}
        />
        <FilterSelect
          id="filter-theme"
          name="theme"
          label="Theme"
          allLabel="All themes"
          value={filter.theme}
          options={data.themes.map((th) => ({ value: th.code, label: th.label }))}
        />
        <div className="moderation-filter__field">
          <label className="label" htmlFor="filter-state">
            State
          </label>
          <select className="select" id="filter-state" name="state" defaultValue={filter.state}>
            <option value="pending">Pending</option>
            <option value="approved">Approved</option>
            <option value="rejected">Rejected</option>
            <option value="all">All states</option>
          </select>
        </div>
        <div className="moderation-filter__field">
          <Button secondary>Filter</Button>
        </div>
      </form>

      <h2 className="heading-m" id="results">
        {queue.total === 0
          ? "No answers match"
          : `${queue.total} ${queue.total === 1 ? "answer" : "answers"}${queue.pageCount > 1 ? `, page ${queue.page} of ${queue.pageCount}` : ""}`}
      </h2>
      {kinds.length > 0 ? <RedactionLegend kinds={kinds} /> : null}

      {queue.items.length > 0 ? (
        <form method="post" id="items">
          <ol className="moderation-list" start={firstNumber}>
            {queue.items.map((item, i) => {
              const number = firstNumber + i;
              return (
                <li className="moderation-item" key={item.id} data-testid="moderation-item">
                  <div className="moderation-item__head">
                    <h3 className="heading-s moderation-item__title">
                      <a href={`/admin/moderation/${item.id}`}>Answer {number}</a>
                    </h3>
                    <span className={STATE_TAGS[item.state].className}>{STATE_TAGS[item.state].label}</span>
                    {item.redacted ? <span className="tag tag--grey">Redacted</span> : null}
                    {item.safeguarding === "open" ? <span className="tag tag--red">Safeguarding flag</span> : null}
                    <QuoteConsentTag consent={item.quoteConsent} />
                  </div>
                  <p className="hint moderation-item__meta">
                    {item.surveyTitle} · {item.questionTitle} · submitted {formatDate(item.submittedOn)}
                  </p>
                  <HighlightedText text={item.text} suggestions={item.suggestions} />
                  {item.suggestions.length > 0 ? (
                    <p className="moderation-item__note">
                      {item.suggestions.length} suggested {item.suggestions.length === 1 ? "redaction" : "redactions"}
                    </p>
                  ) : null}
                  {item.themes.length > 0 ? (
                    <ul className="theme-tags" aria-label={`Themes of answer ${number}`}>
                      {item.themes.map((th) => (
                        <li key={th.code} className="tag tag--grey">
                          {th.label}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {item.state === "pending" ? (
                    <div className="checkboxes__item moderation-item__select">
                      <input className="checkboxes__input" type="checkbox" name="item" value={item.id} id={`item-${item.id}`} />
                      <label className="label checkboxes__label" htmlFor={`item-${item.id}`}>
                        Select answer {number} to approve
                      </label>
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ol>
          {hasPending ? (
            <>
              <p className="hint">Answers with suggested redactions or a safeguarding flag are not approved in bulk: open each one.</p>
              <Button>Approve selected</Button>
            </>
          ) : null}
        </form>
      ) : null}

      {queue.pageCount > 1 ? (
        <nav className="pagination" aria-label="Pages">
          <ul className="pagination__list">
            {queue.page > 1 ? (
              <li>
                <a href={`/admin/moderation${queryString(baseFilter, { page: queue.page - 1 })}`} rel="prev">
                  Previous page
                </a>
              </li>
            ) : null}
            <li>
              Page {queue.page} of {queue.pageCount}
            </li>
            {queue.page < queue.pageCount ? (
              <li>
                <a href={`/admin/moderation${queryString(baseFilter, { page: queue.page + 1 })}`} rel="next">
                  Next page
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </>
  );
}
