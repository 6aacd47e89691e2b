import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import * as z from "zod";
import { requireRole } from "~/auth/session.server";
import { Button, ErrorSummary } from "~/components/forms";
import { formatDate, HighlightedText, QuoteConsentTag, RedactionLegend, STATE_TAGS } from "~/components/moderation";
import { publicBaseUrl } from "~/mail/links.server";
import { mailEnabled } from "~/mail/transport.server";
import { getDb } from "~/db.server";
import { REDACTION_KIND_LABELS } from "~/domain/pii";
import { translator } from "~/i18n";
import { approveItem, dismissSuggestion, redactItem, rejectItem, setThemes } from "~/models/moderation-decisions.server";
import { flagSafeguarding, unflagSafeguarding } from "~/models/moderation-safeguarding.server";
import { getItem } from "~/models/moderation-queue.server";
import { listThemes } from "~/models/moderation-themes.server";
import { originalText } from "~/models/moderation.server";
import { staffChrome } from "~/auth/staff.server";
import { notFound, readForm } from "~/http.server";

export const meta: MetaFunction = () => [{ title: "Moderate an answer" }];
export const handle = { wide: true };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireRole(request, ["moderator"]);
  const db = getDb();
  const item = await getItem(db, staff.forumId, params.itemId ?? "");
  if (!item) throw notFound();
  return {
    ...staffChrome(staff),
    item,
    themes: await listThemes(db, staff.forumId),
    isAdmin: staff.role === "admin",
    canUnflag: staff.role === "admin" || staff.safeguardingLead || item.safeguardingFlaggedBy === staff.user.id,
  };
}

const ActionForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve") }),
  z.object({ intent: z.literal("reject") }),
  z.object({
    intent: z.literal("redact"),
    redacted: z.string().max(4000, "The redacted text must be 4,000 characters or fewer"),
  }),
  z.object({
    intent: z.literal("themes"),
    themes: z.array(z.string().regex(/^[a-z][a-z0-9_]{1,59}$/, "Choose themes from the list")).max(20),
  }),
  z.object({
    intent: z.literal("flag"),
    note: z.string().trim().min(1, "Write a note for the safeguarding lead").max(2000, "The note must be 2,000 characters or fewer"),
  }),
  z.object({ intent: z.literal("unflag") }),
  z.object({ intent: z.literal("original") }),
  z.object({
    intent: z.literal("dismiss"),
    suggestion: z.coerce.number().int().min(0).max(1000),
    kind: z.string().max(40),
  }),
]);

interface ItemActionResult {
  done: string | null;
  /** Field id → message. */
  errors: Record<string, string>;
  values: Record<string, string>;
  original: string | null;
}

function reply(partial: Partial<ItemActionResult>, status = 200) {
  return json<ItemActionResult>({ done: null, errors: {}, values: {}, original: null, ...partial }, { status });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireRole(request, ["moderator"]);
  const itemId = params.itemId ?? "";
  // Another forum's item is not found, whatever the form says.
  if (!(await getItem(getDb(), staff.forumId, itemId))) throw notFound();
  const form = await readForm(request);
  const parsed = ActionForm.safeParse({
    intent: form.get("intent"),
    redacted: form.get("redacted") ?? undefined,
    themes: form.getAll("theme").map(String),
    note: form.get("note") ?? undefined,
    suggestion: form.get("suggestion") ?? undefined,
    kind: form.get("kind") ?? undefined,
  });
  const values = { redacted: String(form.get("redacted") ?? ""), note: String(form.get("note") ?? "") };
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path[0] === "intent" ? "form" : String(issue.path[0]);
    const fieldId = field === "themes" ? "theme" : field;
    return reply({ errors: { [fieldId]: issue.path[0] === "intent" ? "Choose an action" : issue.message }, values }, 400);
  }
  const db = getDb();
  const data = parsed.data;
  switch (data.intent) {
    case "approve": {
      const outcome = await approveItem(db, staff, itemId);
      if (outcome === "not_found") throw notFound();
      if (outcome === "suggestions_open") {
        return reply(
          {
            errors: {
              form: "This answer still has highlighted text that could identify someone. Redact it, or dismiss each suggestion that identifies no one, then approve.",
            },
          },
          400,
        );
      }
      return reply({ done: "Answer approved." });
    }
    case "dismiss": {
      const outcome = await dismissSuggestion(db, staff, itemId, data.suggestion, data.kind);
      if (outcome === "not_found") throw notFound();
      if (outcome === "no_such_suggestion") {
        return reply({ errors: { form: "That suggestion has changed since the page was shown. Look at the answer again." } }, 409);
      }
      return reply({ done: "Suggestion dismissed. It is recorded in the audit log." });
    }
    case "reject":
      if (!(await rejectItem(db, staff, itemId))) throw notFound();
      return reply({ done: "Answer rejected. It will not appear anywhere." });
    case "redact": {
      const outcome = await redactItem(db, staff, itemId, data.redacted);
      if (outcome === "not_found") throw notFound();
      if (outcome === "unchanged") {
        return reply(
          {
            errors: { redacted: "The redacted text is the same as the answer: remove something, or approve the answer as written" },
            values,
          },
          400,
        );
      }
      if (outcome === "empty") return reply({ errors: { redacted: "Enter the text to keep, or reject the answer" }, values }, 400);
      return reply({ done: "Redaction saved. Only the redacted text will be shown." });
    }
    case "themes": {
      const outcome = await setThemes(db, staff, itemId, data.themes);
      if (outcome === "not_found") throw notFound();
      if (outcome === "unknown_theme") return reply({ errors: { theme: "Choose themes from the list" } }, 400);
      return reply({ done: data.themes.length === 0 ? "Themes removed." : "Themes saved." });
    }
    case "flag":
      if (!(await flagSafeguarding(db, staff, itemId, data.note, mailEnabled() ? { notify: { linkBase: publicBaseUrl(request) } } : {})))
        throw notFound();
      return reply({ done: "Flagged for safeguarding. The safeguarding lead will see it on their list." });
    case "unflag": {
      const outcome = await unflagSafeguarding(db, staff, itemId);
      if (outcome === "not_found") throw notFound();
      if (outcome === "forbidden") {
        throw json(
          { title: "You cannot take back this flag", body: "Only the person who raised it, the safeguarding lead or an admin can." },
          { status: 403 },
        );
      }
      return reply({ done: "Safeguarding flag taken back." });
    }
    case "original": {
      if (staff.role !== "admin") {
        throw json(
          { title: "You do not have access to the original", body: "Only forum admins can see an answer as it was written." },
          { status: 403 },
        );
      }
      const original = await originalText(db, staff, itemId);
      if (original === undefined) throw notFound();
      return reply({ original });
    }
  }
}

const ERROR_LABELS: Record<string, string> = { redacted: "#redacted", theme: "#theme", note: "#note", form: "#decision" };

export default function ModerateItem() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = translator("en");
  const { item } = data;
  const errors = result?.errors ?? {};
  const kinds = [...new Set(item.suggestions.map((s) => s.kind))];
  const selectedThemes = item.themes.map((th) => th.code);

  return (
    <>
      <a href="/admin/moderation" className="back-link">
        Back to the queue
      </a>
      <ErrorSummary errors={Object.entries(errors).map(([field, text]) => ({ href: ERROR_LABELS[field] ?? "#main", text }))} t={t} />
      {result?.done ? (
        <div className="notification" role="status">
          <p className="notification__title">{result.done}</p>
        </div>
      ) : null}

      <span className="caption-m">{item.surveyTitle}</span>
      <h1 className="heading-l">Moderate an answer</h1>

      <dl className="summary-list">
        <div className="summary-list__row">
          <dt className="summary-list__key">Question</dt>
          <dd className="summary-list__value">{item.questionTitle}</dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Submitted</dt>
          <dd className="summary-list__value">{formatDate(item.submittedOn)}</dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">State</dt>
          <dd className="summary-list__value">
            <span className={STATE_TAGS[item.state].className} data-testid="item-state">
              {STATE_TAGS[item.state].label}
            </span>{" "}
            {item.redacted ? <span className="tag tag--grey">Redacted</span> : null}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Quotes</dt>
          <dd className="summary-list__value">
            <QuoteConsentTag consent={item.quoteConsent} />
          </dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Safeguarding</dt>
          <dd className="summary-list__value">
            {item.safeguarding === "open" ? <span className="tag tag--red">Flagged: needs action</span> : null}
            {item.safeguarding === "resolved" ? <span className="tag">Resolved</span> : null}
            {item.safeguarding === "none" ? "Not flagged" : null}
          </dd>
        </div>
      </dl>

      <h2 className="heading-m">{item.redacted ? "The answer, as redacted" : "The answer"}</h2>
      {kinds.length > 0 ? <RedactionLegend kinds={kinds} /> : null}
      <HighlightedText text={item.text} suggestions={item.suggestions} id="answer" />
      {item.suggestions.length > 0 ? (
        <div className="inset" data-testid="suggestions">
          <h3 className="heading-s">Before approving</h3>
          <p className="body">
            Redact each highlighted part below, or dismiss a suggestion that identifies no one (for example a national helpline). Each
            dismissal is recorded in the audit log.
          </p>
          <ul className="list">
            {item.suggestions.map((span, index) => (
              <li key={`${span.kind}-${span.start}`}>
                <form method="post">
                  <input type="hidden" name="intent" value="dismiss" />
                  <input type="hidden" name="suggestion" value={index} />
                  <input type="hidden" name="kind" value={span.kind} />
                  {REDACTION_KIND_LABELS[span.kind]}: <q>{item.text.slice(span.start, span.end)}</q>{" "}
                  <button type="submit" className="link-button">
                    Dismiss
                    <span className="visually-hidden">
                      {" "}
                      the suggestion {REDACTION_KIND_LABELS[span.kind].toLowerCase()} {index + 1}: it identifies no one
                    </span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {data.isAdmin && item.redacted ? (
        result?.original != null ? (
          <div className="inset" data-testid="original">
            <h3 className="heading-s">The original, as written</h3>
            <p className="hint">Only admins can see this. Your view has been recorded in the audit log.</p>
            <blockquote className="answer-text">{result.original}</blockquote>
          </div>
        ) : (
          <form method="post">
            <input type="hidden" name="intent" value="original" />
            <p className="hint">Admins can see the answer as it was written. Each view is recorded in the audit log.</p>
            <Button secondary>Show original</Button>
          </form>
        )
      ) : null}

      <h2 className="heading-m" id="decision">
        Decision
      </h2>
      {item.state !== "pending" ? (
        <p className="body">
          {item.state === "approved" ? "Approved" : "Rejected"}
          {item.decidedAt ? ` on ${formatDate(item.decidedAt)}` : ""}. You can change the decision.
        </p>
      ) : null}
      <div className="button-group">
        {item.state !== "approved" ? (
          <form method="post">
            <input type="hidden" name="intent" value="approve" />
            <Button>{item.redacted ? "Approve the redacted text" : "Approve"}</Button>
          </form>
        ) : null}
        {item.state !== "rejected" ? (
          <form method="post">
            <input type="hidden" name="intent" value="reject" />
            <button type="submit" className="button button--warning">
              Reject
            </button>
          </form>
        ) : null}
      </div>

      <h2 className="heading-m">Redact</h2>
      <form method="post" noValidate>
        <input type="hidden" name="intent" value="redact" />
        <div className={`form-group${errors.redacted ? " form-group--error" : ""}`}>
          <label className="label" htmlFor="redacted">
            Text to keep
          </label>
          <div className="hint" id="redacted-hint">
            Anyone but an admin will only ever see this. Suggested redactions are already replaced with [removed]; change anything else that
            could identify a child, a family, a school or a member of staff.
          </div>
          {errors.redacted ? (
            <p className="error-message" id="redacted-error">
              <span className="visually-hidden">Error: </span>
              {errors.redacted}
            </p>
          ) : null}
          <textarea
            className={`textarea${errors.redacted ? " textarea--error" : ""}`}
            id="redacted"
            name="redacted"
            rows={6}
            defaultValue={result?.values.redacted || item.proposedRedaction}
            aria-describedby={errors.redacted ? "redacted-hint redacted-error" : "redacted-hint"}
          />
        </div>
        <Button secondary>Save redaction</Button>
      </form>

      <h2 className="heading-m">Themes</h2>
      <form method="post">
        <input type="hidden" name="intent" value="themes" />
        <div className={`form-group${errors.theme ? " form-group--error" : ""}`}>
          <fieldset className="fieldset" aria-describedby="theme-hint">
            <legend className="fieldset__legend fieldset__legend--m">Which themes does this answer raise?</legend>
            <div className="hint" id="theme-hint">
              Select all that apply.
            </div>
            {errors.theme ? <p className="error-message">{errors.theme}</p> : null}
            <div className="checkboxes theme-choices">
              {data.themes.map((th, i) => (
                <div className="checkboxes__item" key={th.code}>
                  <input
                    className="checkboxes__input"
                    type="checkbox"
                    id={i === 0 ? "theme" : `theme-${th.code}`}
                    name="theme"
                    value={th.code}
                    defaultChecked={selectedThemes.includes(th.code)}
                  />
                  <label className="label checkboxes__label" htmlFor={i === 0 ? "theme" : `theme-${th.code}`}>
                    {th.label}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <Button secondary>Save themes</Button>
      </form>

      <h2 className="heading-m">Safeguarding</h2>
      {item.safeguarding === "open" ? (
        <>
          <div className="inset">
            <p className="body">
              <strong>Flagged for the safeguarding lead.</strong>
            </p>
            <p className="body">Note: {item.safeguardingNote}</p>
          </div>
          {data.canUnflag ? (
            <form method="post">
              <input type="hidden" name="intent" value="unflag" />
              <Button secondary>Take back the flag</Button>
            </form>
          ) : null}
        </>
      ) : (
        <>
          {item.safeguarding === "resolved" ? (
            <div className="inset">
              <p className="body">Resolved by the safeguarding lead: {item.safeguardingResolution}</p>
            </div>
          ) : null}
          <form method="post" noValidate>
            <input type="hidden" name="intent" value="flag" />
            <div className={`form-group${errors.note ? " form-group--error" : ""}`}>
              <label className="label" htmlFor="note">
                Note for the safeguarding lead
              </label>
              <div className="hint" id="note-hint">
                Why this answer worries you. The lead sees the answer and your note on their &ldquo;needs action&rdquo; list.
              </div>
              {errors.note ? (
                <p className="error-message" id="note-error">
                  <span className="visually-hidden">Error: </span>
                  {errors.note}
                </p>
              ) : null}
              <textarea
                className={`textarea${errors.note ? " textarea--error" : ""}`}
                id="note"
                name="note"
                rows={3}
                defaultValue={result?.values.note ?? ""}
                aria-describedby={errors.note ? "note-hint note-error" : "note-hint"}
              />
            </div>
            <button type="submit" className="button button--warning">
              Flag for safeguarding
            </button>
          </form>
        </>
      )}
    </>
  );
}
