import type { ReactNode } from "react";
import { ErrorMessage } from "~/components/forms";
import { languageName } from "~/domain/survey-builder-form";
import { directionOf, translator } from "~/i18n";
import { idOf, type Shared } from "./shared";

export function Field({
  label,
  name,
  error,
  hint,
  children,
}: {
  label: string;
  name: string;
  error?: string;
  hint?: string;
  children: ReactNode;
}) {
  const t = translator("en");
  return (
    <div className={`form-group${error ? " form-group--error" : ""}`}>
      <label className="label" htmlFor={idOf(name)}>
        {label}
      </label>
      {hint ? <div className="hint">{hint}</div> : null}
      <ErrorMessage id={`${idOf(name)}-error`} text={error} t={t} />
      {children}
    </div>
  );
}

/** One text: English, and beside it the translation being worked on (the others kept, hidden). */
export function TextPair({ shared, base, label, multiline }: { shared: Shared; base: string; label: string; multiline?: boolean }) {
  const t = translator("en");
  const { reg, translations, chosen, errorFor } = shared;
  const one = (language: string, hidden: boolean) => {
    const name = `${base}.${language}`;
    const error = errorFor(name);
    const id = idOf(name);
    const props = {
      id,
      lang: language,
      dir: directionOf(language),
      "aria-describedby": error ? `${id}-error` : undefined,
      ...reg(name),
    };
    return (
      <div key={language} className={`form-group${error ? " form-group--error" : ""}`} hidden={hidden}>
        <label className="label" htmlFor={id}>
          {label} in {languageName(language)}
        </label>
        <ErrorMessage id={`${id}-error`} text={error} t={t} />
        {multiline ? (
          <textarea className="textarea builder-textarea" rows={3} {...props} />
        ) : (
          <input className="input" type="text" {...props} />
        )}
      </div>
    );
  };
  return (
    <div className={translations.length > 0 ? "builder-pair" : undefined}>
      {one("en", false)}
      {translations.length > 0 ? <div>{translations.map((language) => one(language, language !== chosen))}</div> : null}
    </div>
  );
}
