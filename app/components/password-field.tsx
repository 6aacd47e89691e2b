import { translator } from "~/i18n";

/** A password field for staff forms (join, reset): label, hint and error linked for assistive technology. */
export function PasswordField({ id, label, hint, error, autoComplete }: { id: string; label: string; hint?: string; error?: string; autoComplete: string }) {
  const t = translator("en");
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
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
          <span className="visually-hidden">{t("error.prefix")} </span>
          {error}
        </p>
      ) : null}
      <input
        className={`input${error ? " input--error" : ""}`}
        id={id}
        name={id}
        type="password"
        autoComplete={autoComplete}
        aria-describedby={describedBy}
      />
    </div>
  );
}
