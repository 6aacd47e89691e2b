import { ErrorMessage, FormGroup } from "~/components/forms";
import { translator } from "~/i18n";

/** A password field for staff forms (join, reset): label, hint and error linked for assistive technology. */
export function PasswordField({
  id,
  label,
  hint,
  error,
  autoComplete,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  autoComplete: string;
}) {
  const t = translator("en");
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <FormGroup error={error}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      <ErrorMessage id={`${id}-error`} text={error} t={t} />
      <input
        className={`input${error ? " input--error" : ""}`}
        id={id}
        name={id}
        type="password"
        autoComplete={autoComplete}
        aria-describedby={describedBy}
      />
    </FormGroup>
  );
}
