import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/session.server";
import { Button, ErrorSummary } from "~/components/forms";
import { BulkNotice, EmptyQueue, QueueFilters } from "~/components/moderation-queue";
import { formatDate, HighlightedText, QuoteConsentTag, RedactionLegend, STATE_TAGS } from "~/components/moderation";
import { getDb } from "~/db.server";
import type { RedactionKind } from "~/domain/pii";
import { translator } from "~/i18n";
import { bulkApprove } from "~/models/moderation-decisions.server";
import { bulkAddTheme, bulkReject } from "~/models/moderation-bulk.server";
import { queueLanguages, queueQuestions } from "~/models/moderation-queue-filter.server";
import { ensureQueued, listQueue, QUEUE_PAGE_SIZE } from "~/models/moderation-queue.server";
import { listThemes, seedThemes } from "~/models/moderation-themes.server";
import { moderationSurveys } from "~/models/moderation-definitions.server";
import { staffChrome } from "~/auth/staff.server";
import { formText, readForm } from "~/http.server";
import { BulkForm, parseBulkOutcome, parseQueueQuery, queueSearch } from "~/schemas/moderation-queue";

export const meta: MetaFunction = () => [{ title: "Moderation" }];
export const handle = { wide: true };

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireRole(request, ["moderator"]);
  const params = new URL(request.url).searchParams;
  const parsed = parseQueueQuery(params);
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
  const query = parsed.data;
  const queue = await listQueue(db, staff.forumId, {
    surveyId: query.survey,
    questionCode: query.question,
    language: query.language,
    theme: query.theme,
    untagged: query.untagged === "1",
    state: query.state,
    flagged: query.flagged === "1",
    suggestions: query.suggestions === "1",
    search: query.q,
    sort: query.sort,
    page: query.page,
  });
  return {
    ...staffChrome(staff),
    queue,
    pageSize: QUEUE_PAGE_SIZE,
    themes,
    surveys: (await moderationSurveys(db, staff.forumId)).map((s) => ({ value: s.id, label: s.title })),
    questions: await queueQuestions(db, staff.forumId),
    languages: await queueLanguages(db, staff.forumId),
    query,
    selectAll: params.get("select") === "all",
    outcome: parseBulkOutcome(params),
    canSeeSafeguarding: staff.role === "admin" || staff.safeguardingLead,
  };
}

/** Where the page goes back to after a bulk action: the same filters, and what was done. */
function backTo(request: Request, outcome: Record<string, string | number | string[]>): string {
  const parsed = parseQueueQuery(new URL(request.url).searchParams);
  const params = new URLSearchParams(queueSearch(parsed.success ? parsed.data : {}));
  for (const [key, value] of Object.entries(outcome)) {
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, String(v));
  }
  return `/admin/moderation?${params.toString()}#results`;
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireRole(request, ["moderator"]);
  const form = await readForm(request);
  const parsed = BulkForm.safeParse({
    intent: formText(form, "intent", 20) || "approve",
    items: form.getAll("item").map(String),
    theme: formText(form, "theme", 100) || undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message = issue.path[0] === "intent" ? "Choose what to do with the selected answers" : issue.message;
    return json({ error: message }, { status: 400 });
  }
  const db = getDb();
  const bulk = parsed.data;
  if (bulk.intent === "theme") {
    const result = await bulkAddTheme(db, staff, bulk.items, bulk.theme);
    if (result.kind === "unknown_theme") return json({ error: "Choose a theme from the list" }, { status: 400 });
    return redirect(
      backTo(request, {
        done: "themed",
        n: result.themed.length,
        already: result.alreadyThemed.length,
        added: bulk.theme,
        refused: result.notFound.map((id) => `not_found.${id}`),
      }),
    );
  }
  if (bulk.intent === "reject") {
    const result = await bulkReject(db, staff, bulk.items);
    return redirect(
      backTo(request, { done: "rejected", n: result.rejected.length, refused: result.refused.map((r) => `${r.reason}.${r.id}`) }),
    );
  }
  const result = await bulkApprove(db, staff, bulk.items);
  return redirect(
    backTo(request, { done: "approved", n: result.approved.length, refused: result.refused.map((r) => `${r.reason}.${r.id}`) }),
  );
}

export default function ModerationQueue() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = translator("en");
  const { queue, query } = data;
  const kinds = [...new Set(queue.items.flatMap((i) => i.suggestions.map((s) => s.kind)))] as RedactionKind[];
  const firstNumber = (queue.page - 1) * data.pageSize + 1;
  const numbers = new Map(queue.items.map((item, i) => [item.id, firstNumber + i]));
  const here = (change: Parameters<typeof queueSearch>[1] = {}) => `/admin/moderation${queueSearch(query, change)}`;
  const filtered = queueSearch(query, { page: undefined, sort: undefined, state: undefined }) !== "";
  const selectAllHref = `${here({})}${queueSearch(query) ? "&" : "?"}select=all#items`;

  return (
    <>
      <ErrorSummary errors={result?.error ? [{ href: "#items", text: result.error }] : []} t={t} />
      {data.outcome ? (
        <BulkNotice
          outcome={data.outcome}
          themeLabel={data.themes.find((th) => th.code === data.outcome?.added)?.label}
          numberOf={(id) => numbers.get(id)}
        />
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
              href={here({ state, page: undefined, flagged: undefined })}
              aria-current={query.state === state && !query.flagged ? "true" : undefined}
            >
              {STATE_TAGS[state].label}: <strong data-testid={`count-${state}`}>{queue.counts[state]}</strong>
            </a>
          </li>
        ))}
        <li>
          <a href={here({ state: "all", flagged: "1", page: undefined })} aria-current={query.flagged ? "true" : undefined}>
            Safeguarding flags open: <strong data-testid="count-flagged">{queue.counts.flagged}</strong>
          </a>
        </li>
      </ul>

      <QueueFilters
        query={query}
        surveys={data.surveys}
        questions={data.questions}
        languages={data.languages}
        themes={data.themes.map((th) => ({ value: th.code, label: th.label }))}
      />

      <h2 className="heading-m" id="results" data-testid="results">
        {queue.total === 0
          ? "No answers match"
          : `${queue.total} ${queue.total === 1 ? "answer" : "answers"}${queue.pageCount > 1 ? `, page ${queue.page} of ${queue.pageCount}` : ""}`}
      </h2>
      {queue.total === 0 ? <EmptyQueue filtered={filtered} state={query.state} /> : null}
      {kinds.length > 0 ? <RedactionLegend kinds={kinds} /> : null}

      {queue.items.length > 0 ? (
        <form method="post" id="items" aria-label="Answers on this page">
          <p className="moderation-select-all">
            {data.selectAll ? (
              <a href={`${here({})}#items`}>Clear the selection</a>
            ) : (
              <a href={selectAllHref}>Select all {queue.items.length} answers on this page</a>
            )}
          </p>
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
                  <div className="checkboxes__item moderation-item__select">
                    <input
                      className="checkboxes__input"
                      type="checkbox"
                      name="item"
                      value={item.id}
                      id={`item-${item.id}`}
                      defaultChecked={data.selectAll}
                    />
                    <label className="label checkboxes__label" htmlFor={`item-${item.id}`}>
                      Select answer {number}
                    </label>
                  </div>
                </li>
              );
            })}
          </ol>
          <fieldset className="moderation-bulk">
            <legend className="heading-s">With the selected answers</legend>
            <p className="hint">Answers with suggested redactions or a safeguarding flag are not approved in bulk: open each one.</p>
            <div className="moderation-bulk__actions">
              <Button name="intent" value="approve">
                Approve selected
              </Button>
              <Button name="intent" value="reject" secondary>
                Reject selected
              </Button>
            </div>
            <div className="moderation-bulk__theme">
              <div className="moderation-filter__field">
                <label className="label" htmlFor="bulk-theme">
                  Theme to add
                </label>
                <select className="select" id="bulk-theme" name="theme" defaultValue="">
                  <option value="">Choose a theme</option>
                  {data.themes.map((th) => (
                    <option key={th.code} value={th.code}>
                      {th.label}
                    </option>
                  ))}
                </select>
              </div>
              <Button name="intent" value="theme" secondary>
                Add theme to selected
              </Button>
            </div>
          </fieldset>
        </form>
      ) : null}

      {queue.pageCount > 1 ? (
        <nav className="pagination" aria-label="Pages">
          <ul className="pagination__list">
            {queue.page > 1 ? (
              <li>
                <a href={here({ page: queue.page - 1 })} rel="prev">
                  Previous page
                </a>
              </li>
            ) : null}
            <li>
              Page {queue.page} of {queue.pageCount}
            </li>
            {queue.page < queue.pageCount ? (
              <li>
                <a href={here({ page: queue.page + 1 })} rel="next">
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
