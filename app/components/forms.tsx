import { useFormAction } from "@remix-run/react";
import type { ReactNode } from "react";
import type { EasyReadFace } from "~/domain/survey";
import type { Translate } from "~/i18n";

/**
 * GOV.UK Design System form patterns, rendered on the server and complete without JavaScript:
 * an error summary whose links move focus to the field, inline errors, fieldsets with legends.
 */

interface FieldError {
  /** The id of the input the summary link points at. */
  href: string;
  text: string;
}

export function ErrorSummary({ errors, t }: { errors: FieldError[]; t: Translate }) {
  if (errors.length === 0) return null;
  return (
    // autoFocus is sent as the autofocus attribute: after the page reloads with JavaScript off,
    // focus (and a screen reader) starts at the summary, as the GOV.UK pattern asks.
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} autoFocus>
      <h2 className="error-summary__title" id="error-summary-title">
        {t("error.summary")}
      </h2>
      <ul className="error-summary__list">
        {errors.map((e) => (
          <li key={e.href + e.text}>
            <a href={e.href}>{e.text}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ErrorMessage({ id, text, t }: { id: string; text?: string; t: Translate }) {
  if (!text) return null;
  return (
    <p className="error-message" id={id}>
      <span className="visually-hidden">{t("error.prefix")} </span>
      {text}
    </p>
  );
}

export function FormGroup({ error, children }: { error?: string; children: ReactNode }) {
  return <div className={`form-group${error ? " form-group--error" : ""}`}>{children}</div>;
}

export interface Choice {
  value: string;
  label: string;
  /** Easy read: a face drawn beside the label (see easyReadFaces). */
  face?: EasyReadFace;
}

const MOUTHS: Record<EasyReadFace, string> = {
  happy: "M12 25q8 8 16 0",
  neutral: "M13 28h14",
  sad: "M12 30q8-7 16 0",
};

/**
 * A face for a point of a 3-point scale, drawn inline (no request, no script). Decoration only:
 * hidden from assistive technology, since the label beside it always says the same in words.
 */
function Face({ face }: { face: EasyReadFace }) {
  return (
    <svg className={`face face--${face}`} viewBox="0 0 40 40" width="48" height="48" aria-hidden="true" focusable="false">
      <circle className="face__head" cx="20" cy="20" r="18" />
      <circle className="face__eye" cx="14" cy="16" r="2.5" />
      <circle className="face__eye" cx="26" cy="16" r="2.5" />
      <path className="face__mouth" d={MOUTHS[face]} />
    </svg>
  );
}

/** Radios or checkboxes in a fieldset whose legend is the page heading (one question a page). */
export function ChoiceField({
  type,
  name,
  idPrefix,
  legend,
  asHeading,
  hint,
  choices,
  selected,
  error,
  t,
}: {
  type: "radio" | "checkbox";
  name: string;
  idPrefix: string;
  legend: ReactNode;
  asHeading?: boolean;
  hint?: string;
  choices: Choice[];
  selected: string[];
  error?: string;
  t: Translate;
}) {
  const hintId = hint ? `${idPrefix}-hint` : undefined;
  const errorId = error ? `${idPrefix}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  // With faces, an option without one (such as "I don't know") keeps its label in line with the rest.
  const withFaces = choices.some((choice) => choice.face);
  return (
    <FormGroup error={error}>
      {/* An error link to `#<idPrefix>-question` shows the whole question, its heading first. */}
      <fieldset className="fieldset" id={`${idPrefix}-question`} aria-describedby={describedBy}>
        <legend className={asHeading ? "fieldset__legend fieldset__legend--l" : "fieldset__legend fieldset__legend--m"}>
          {asHeading ? <h1 className="fieldset__heading">{legend}</h1> : legend}
        </legend>
        {hint ? (
          <div className="hint" id={hintId}>
            {hint}
          </div>
        ) : null}
        <ErrorMessage id={`${idPrefix}-error`} text={error} t={t} />
        <div className={type === "radio" ? "radios" : "checkboxes"}>
          {choices.map((choice, index) => {
            const id = index === 0 ? idPrefix : `${idPrefix}-${index + 1}`;
            return (
              <div className={type === "radio" ? "radios__item" : "checkboxes__item"} key={choice.value}>
                <input
                  className={type === "radio" ? "radios__input" : "checkboxes__input"}
                  id={id}
                  name={name}
                  type={type}
                  value={choice.value}
                  defaultChecked={selected.includes(choice.value)}
                />
                <label
                  className={`${type === "radio" ? "label radios__label" : "label checkboxes__label"}${withFaces ? " label--face" : ""}`}
                  htmlFor={id}
                >
                  {withFaces ? (
                    <>
                      {choice.face ? <Face face={choice.face} /> : <span className="face face--none" aria-hidden="true" />}
                      <span>{choice.label}</span>
                    </>
                  ) : (
                    choice.label
                  )}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </FormGroup>
  );
}

/** The page of an easy-read survey: larger text throughout (app.css, `.easy-read`). */
export function EasyRead({ on, children }: { on: boolean; children: ReactNode }) {
  return on ? <div className="easy-read">{children}</div> : <>{children}</>;
}

/** A text input or textarea whose label is the page heading or a plain label. */
export function TextField({
  id,
  name,
  label,
  asHeading,
  hint,
  value,
  error,
  multiline,
  inputMode,
  autoComplete,
  maxLength,
  width,
  t,
}: {
  id: string;
  name: string;
  label: ReactNode;
  asHeading?: boolean;
  hint?: string;
  value?: string;
  error?: string;
  multiline?: boolean;
  inputMode?: "numeric" | "text" | "email";
  autoComplete?: string;
  maxLength?: number;
  width?: "code" | "number";
  t: Translate;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  const labelElement = (
    <label className={asHeading ? "label label--l" : "label"} htmlFor={id}>
      {label}
    </label>
  );
  const className = `${multiline ? "textarea" : "input"}${error ? (multiline ? " textarea--error" : " input--error") : ""}${
    width ? ` input--width-${width}` : ""
  }`;
  return (
    <FormGroup error={error}>
      {asHeading ? <h1 className="label-wrapper">{labelElement}</h1> : labelElement}
      {hint ? (
        <div className="hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      <ErrorMessage id={`${id}-error`} text={error} t={t} />
      {multiline ? (
        <textarea className={className} id={id} name={name} rows={6} defaultValue={value} aria-describedby={describedBy} dir="auto" />
      ) : (
        <input
          className={className}
          id={id}
          name={name}
          type="text"
          defaultValue={value}
          aria-describedby={describedBy}
          inputMode={inputMode}
          autoComplete={autoComplete}
          spellCheck={false}
          maxLength={maxLength}
          dir="auto"
        />
      )}
    </FormGroup>
  );
}

export function Button({ children, name, value, secondary }: { children: ReactNode; name?: string; value?: string; secondary?: boolean }) {
  return (
    <button type="submit" className={secondary ? "button button--secondary" : "button"} name={name} value={value}>
      {children}
    </button>
  );
}

export function BackLink({ href, t }: { href: string; t: Translate }) {
  return (
    <a href={href} className="back-link">
      {t("back")}
    </a>
  );
}

/** A labelled select for a list filter (a GET form), with an "all" choice first. */
export function FilterSelect({
  id,
  name,
  label,
  allLabel,
  value,
  options,
}: {
  id: string;
  name: string;
  label: string;
  allLabel: string;
  value: string | undefined;
  options: { value: string; label: string }[];
}) {
  return (
    <div className="moderation-filter__field">
      <label className="label" htmlFor={id}>
        {label}
      </label>
      <select className="select" id={id} name={name} defaultValue={value}>
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * A plain POST form (no JavaScript needed) that sends to this page's own address and query, never
 * its fragment. Without an action a form posts to the address in the bar, fragment and all (after
 * following an error link, "#answer-…"), and a page that comes back at a fragment scrolls to it and
 * ignores autofocus, so the error summary would not take the focus.
 */
export function PostForm({ children }: { children: ReactNode }) {
  return (
    <form method="post" action={useFormAction()} noValidate>
      {children}
    </form>
  );
}
