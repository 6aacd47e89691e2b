import type { ReactNode } from "react";
import { INVOLVEMENT_LABELS, INVOLVEMENT_LEVELS, STATUS_LABELS, YSWD_STATUSES } from "~/domain/yswd";
import type { ItemFormValues } from "~/schemas/yswd";

/**
 * The "you said, we did" item form, shared by the draft and edit pages (staff pages: English).
 * One plain POST form: "Show approved answers" re-renders it with the evidence for the chosen
 * survey, period, group and themes, keeping everything typed; the save button saves.
 */

interface FormFigure {
  kpi_id: string;
  kpi_name: string;
  time_period: string;
  n: number | null;
  percent: number | null;
  ci_lower: number | null;
  ci_upper: number | null;
  flag: string;
}

interface FormQuote {
  itemId: string;
  text: string;
  redacted: boolean;
  themes: string[];
  quoteConsent: boolean;
  submittedOn: string | null;
  language: string;
  refusal: "small_cell" | "no_consent" | null;
}

interface FormEvidence {
  problems: { field: string; message: string }[];
  periods: string[];
  kpis: { id: string; name: string }[];
  segments: { type: string; value: string; label: string }[];
  quotes: { cellResponses: number; quotes: FormQuote[] } | null;
  figure: { baseline: FormFigure | null; latest: FormFigure | null } | null;
}

const QUOTE_REFUSAL_TEXT: Record<"small_cell" | "no_consent", string> = {
  small_cell: "Fewer than 10 responses in this group: cannot be quoted",
  no_consent: "The family did not agree to be quoted: cannot be quoted",
};

/** The published form of a figure: "61.2% (55.0–67.1), n = 240", or why there is none. */
export function figureText(cell: FormFigure | null): string {
  if (!cell) return "No responses in this period";
  if (cell.n === null || cell.percent === null) return "Suppressed: fewer than 10 responses (SDC-1)";
  const text = `${cell.percent.toFixed(1)}% (${(cell.ci_lower ?? cell.percent).toFixed(1)}–${(cell.ci_upper ?? cell.percent).toFixed(1)}), n = ${cell.n}`;
  return cell.flag === "u" ? `${text} (low reliability: n under 30)` : text;
}

/** Links in the error summary go to these ids. */
export const ITEM_FIELD_IDS: Record<string, string> = {
  themes: "themes",
  survey: "survey",
  period: "period",
  kpi: "kpi",
  segment: "segment",
  quotes: "quotes",
  evidence: "evidence",
  notPossibleReason: "notPossibleReason",
  whatDone: "whatDone",
  status: "status",
};

function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className={`form-group${error ? " form-group--error" : ""}`}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <p className="error-message" id={`${id}-error`}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      {children}
    </div>
  );
}

function describedBy(id: string, hint: boolean, error?: string): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

function Text({
  name,
  label,
  hint,
  values,
  errors,
  multiline,
  type,
  lang,
}: {
  name: keyof ItemFormValues;
  label: string;
  hint?: string;
  values: ItemFormValues;
  errors: Record<string, string>;
  multiline?: boolean;
  type?: "date";
  lang?: string;
}) {
  const error = errors[name];
  const value = values[name] as string;
  const common = {
    id: name,
    name,
    defaultValue: value,
    "aria-describedby": describedBy(name, Boolean(hint), error),
    lang,
    dir: lang === "ur" ? ("rtl" as const) : undefined,
  };
  return (
    <Field id={name} label={label} hint={hint} error={error}>
      {multiline ? (
        <textarea className={`textarea${error ? " textarea--error" : ""}`} rows={4} {...common} />
      ) : (
        <input className={`input${error ? " input--error" : ""}${type === "date" ? " yswd-date" : ""}`} type={type ?? "text"} {...common} />
      )}
    </Field>
  );
}

export function ItemFormFields({
  values,
  errors,
  themes,
  surveys,
  evidence,
  mode,
}: {
  values: ItemFormValues;
  errors: Record<string, string>;
  themes: { code: string; label: string }[];
  surveys: { id: string; title: string }[];
  evidence: FormEvidence;
  mode: "new" | "edit";
}) {
  const chosenQuotes = new Set(values.quotes);
  const chosenThemes = new Set(values.themes);
  const quotes = evidence.quotes;
  return (
    <>
      <h2 className="heading-m" id="evidence">
        Evidence
      </h2>
      <p className="body">
        Choose where the evidence comes from. The KPI figure is the dashboard&rsquo;s own, with SDC-1 applied. Then choose themes and press
        &ldquo;Show approved answers&rdquo; to see the moderated answers you may quote.
      </p>
      <Field id="survey" label="Survey" error={errors.survey}>
        <select
          className="select"
          id="survey"
          name="survey"
          defaultValue={values.survey}
          aria-describedby={describedBy("survey", false, errors.survey)}
        >
          <option value="">No survey evidence</option>
          {surveys.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
      </Field>
      <Field
        id="period"
        label="Period"
        hint="A quarter (2026-Q1), a stocktake half-year (2026-H1) or an academic year (2025/26)."
        error={errors.period}
      >
        <input
          className={`input input--width-code${errors.period ? " input--error" : ""}`}
          id="period"
          name="period"
          type="text"
          list="period-options"
          defaultValue={values.period}
          aria-describedby={describedBy("period", true, errors.period)}
          spellCheck={false}
        />
        <datalist id="period-options">
          {evidence.periods.map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
      </Field>
      <Field id="kpi" label="KPI it should move" error={errors.kpi}>
        <select className="select" id="kpi" name="kpi" defaultValue={values.kpi} aria-describedby={describedBy("kpi", false, errors.kpi)}>
          <option value="">No KPI</option>
          {(evidence.kpis.length > 0 ? evidence.kpis : values.kpi ? [{ id: values.kpi, name: values.kpi }] : []).map((k) => (
            <option key={k.id} value={k.id}>
              {k.id} {k.name}
            </option>
          ))}
        </select>
      </Field>
      <Field
        id="segment"
        label="Group (optional)"
        hint="Narrow the evidence to one group. Quotes then come only from that group."
        error={errors.segment}
      >
        <select
          className="select"
          id="segment"
          name="segment"
          defaultValue={values.segment}
          aria-describedby={describedBy("segment", true, errors.segment)}
        >
          <option value="">Everyone who answered</option>
          {evidence.segments.map((s) => (
            <option key={`${s.type}:${s.value}`} value={`${s.type}:${s.value}`}>
              {s.label}
            </option>
          ))}
        </select>
      </Field>

      <div className={`form-group${errors.themes ? " form-group--error" : ""}`}>
        <fieldset className="fieldset" aria-describedby={errors.themes ? "themes-error" : undefined}>
          <legend className="fieldset__legend fieldset__legend--m">Themes</legend>
          {errors.themes ? (
            <p className="error-message" id="themes-error">
              <span className="visually-hidden">Error: </span>
              {errors.themes}
            </p>
          ) : null}
          <div className="checkboxes theme-choices">
            {themes.map((th, i) => (
              <div className="checkboxes__item" key={th.code}>
                <input
                  className="checkboxes__input"
                  type="checkbox"
                  id={i === 0 ? "themes" : `themes-${th.code}`}
                  name="themes"
                  value={th.code}
                  defaultChecked={chosenThemes.has(th.code)}
                />
                <label className="label checkboxes__label" htmlFor={i === 0 ? "themes" : `themes-${th.code}`}>
                  {th.label}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>

      <button type="submit" className="button button--secondary" name="intent" value="evidence">
        Show approved answers
      </button>

      {evidence.figure ? (
        <div className="inset" data-testid="evidence-figure">
          <p className="body">
            <strong>
              {evidence.figure.baseline?.kpi_id ?? values.kpi} in {values.period}:
            </strong>{" "}
            {figureText(evidence.figure.baseline)}
          </p>
          {evidence.figure.latest && evidence.figure.latest.time_period !== values.period ? (
            <p className="body">
              <strong>Latest ({evidence.figure.latest.time_period}):</strong> {figureText(evidence.figure.latest)}
            </p>
          ) : null}
        </div>
      ) : null}

      <div className={`form-group${errors.quotes ? " form-group--error" : ""}`}>
        <fieldset className="fieldset" aria-describedby={errors.quotes ? "quotes-error" : undefined}>
          <legend className="fieldset__legend fieldset__legend--m">Quotes from approved answers</legend>
          {errors.quotes ? (
            <p className="error-message" id="quotes-error">
              <span className="visually-hidden">Error: </span>
              {errors.quotes}
            </p>
          ) : null}
          {!quotes ? (
            <p className="hint" id="quotes">
              Choose a survey and a period, then press &ldquo;Show approved answers&rdquo;.
            </p>
          ) : chosenThemes.size === 0 && quotes.quotes.length === 0 ? (
            <p className="hint" id="quotes">
              No approved answers without a theme in this survey and period. Choose at least one theme to see the approved answers tagged
              with it.
            </p>
          ) : quotes.quotes.length === 0 ? (
            <p className="hint" id="quotes">
              No approved answers with these themes in this survey and period ({quotes.cellResponses} responses in the group).
            </p>
          ) : (
            <>
              <p className="hint" id="quotes">
                {quotes.cellResponses} submitted {quotes.cellResponses === 1 ? "response" : "responses"} in this group. Only answers whose
                family agreed to quotes, from a group of at least 10 responses, can be quoted.
              </p>
              <ul className="yswd-quotes">
                {quotes.quotes.map((q, i) => {
                  const id = `quote-${i + 1}`;
                  return (
                    <li className="checkboxes__item yswd-quote" key={q.itemId} data-testid="quote-choice">
                      <input
                        className="checkboxes__input"
                        type="checkbox"
                        id={id}
                        name="quotes"
                        value={q.itemId}
                        disabled={q.refusal !== null}
                        defaultChecked={q.refusal === null && chosenQuotes.has(q.itemId)}
                        aria-describedby={q.refusal ? `${id}-reason` : undefined}
                      />
                      <label className="label checkboxes__label" htmlFor={id}>
                        <span className="yswd-quote__text" lang={q.language}>
                          &ldquo;{q.text}&rdquo;
                        </span>
                        <span className="hint yswd-quote__meta">
                          {q.themes.length > 0 ? q.themes.join(", ") : "No theme yet"}
                          {q.redacted ? " · redacted" : ""}
                          {q.submittedOn ? ` · ${q.submittedOn}` : ""}
                        </span>
                      </label>
                      {q.refusal ? (
                        <p className="yswd-quote__reason" id={`${id}-reason`} data-testid="quote-refusal">
                          {QUOTE_REFUSAL_TEXT[q.refusal]}
                          {chosenQuotes.has(q.itemId) ? ". It will be removed when you save." : ""}
                        </p>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            </>
          )}
        </fieldset>
      </div>

      <h2 className="heading-m">What families said</h2>
      <Text
        name="title"
        label="Title"
        hint="A short public title, for example “Regular updates during assessments”."
        values={values}
        errors={errors}
      />
      <Text name="saidPlain" label="What families said (plain English)" values={values} errors={errors} multiline />
      <Text name="saidEasyRead" label="What families said (easy read, optional)" values={values} errors={errors} multiline />

      <h2 className="heading-m">The response</h2>
      <Text
        name="whatDone"
        label="What was done"
        hint="Needed before the status can be “Done”."
        values={values}
        errors={errors}
        multiline
      />
      <Text
        name="notPossibleReason"
        label="Why it could not be done"
        hint="Needed before the status can be “Not possible”. It is published with the item."
        values={values}
        errors={errors}
        multiline
      />
      <Field id="involvement" label="How families were involved" error={errors.involvement}>
        <select className="select" id="involvement" name="involvement" defaultValue={values.involvement}>
          {INVOLVEMENT_LEVELS.map((level) => (
            <option key={level} value={level}>
              {INVOLVEMENT_LABELS[level]}
            </option>
          ))}
        </select>
      </Field>
      <Text name="ownerOrg" label="Organisation responsible" values={values} errors={errors} />
      <Text
        name="ownerRole"
        label="Role responsible"
        hint="A role, never a person's name: it is shown in public."
        values={values}
        errors={errors}
      />
      <Field id="visibility" label="Who can see it once published" error={errors.visibility}>
        <select className="select" id="visibility" name="visibility" defaultValue={values.visibility}>
          <option value="public">Everyone (public pages and feed)</option>
          <option value="board">The board only</option>
        </select>
      </Field>
      {mode === "new" ? (
        <Field id="status" label="Status to start with" error={errors.status}>
          <select className="select" id="status" name="status" defaultValue={values.status}>
            {YSWD_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </Field>
      ) : (
        <input type="hidden" name="status" value={values.status} />
      )}

      <h2 className="heading-m">Dates</h2>
      <div className="yswd-dates">
        <Text name="raisedOn" label="Raised" type="date" values={values} errors={errors} />
        <Text
          name="responsePublishedOn"
          label="Response published"
          hint="Set when the item is first published, if empty."
          type="date"
          values={values}
          errors={errors}
        />
        <Text name="targetOn" label="Target" type="date" values={values} errors={errors} />
        {mode === "edit" ? (
          <Text
            name="completedOn"
            label="Completed"
            hint="Set by the status change to Done or Not possible."
            type="date"
            values={values}
            errors={errors}
          />
        ) : null}
        <Text name="nextReviewOn" label="Next review" type="date" values={values} errors={errors} />
      </div>

      <h2 className="heading-m">Urdu translation</h2>
      <p className="hint">Shown to families who use the site in Urdu. Anything left empty is shown in English.</p>
      <Text name="urTitle" label="Title in Urdu" values={values} errors={errors} lang="ur" />
      <Text name="urSaidPlain" label="What families said, in Urdu" values={values} errors={errors} multiline lang="ur" />
      <Text name="urSaidEasyRead" label="Easy read, in Urdu" values={values} errors={errors} multiline lang="ur" />
      <Text name="urWhatDone" label="What was done, in Urdu" values={values} errors={errors} multiline lang="ur" />
      <Text name="urNotPossibleReason" label="Why it could not be done, in Urdu" values={values} errors={errors} multiline lang="ur" />
    </>
  );
}
