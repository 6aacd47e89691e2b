import { ErrorMessage, FormGroup } from "~/components/forms";
import type { translator } from "~/i18n";

/** One checkbox per answer option of a question, for choosing which options a KPI counts (the KPI register). */
export function OptionChecks({
  name,
  legend,
  hint,
  options,
  selected,
  error,
  t,
}: {
  name: "positive" | "negative" | "excluded";
  legend: string;
  hint: string;
  options: { code: string; label: string }[];
  selected: string[];
  error?: string;
  t: ReturnType<typeof translator>;
}) {
  return (
    <FormGroup error={error}>
      <fieldset className="fieldset" aria-describedby={`${name}-hint${error ? ` ${name}-error` : ""}`}>
        <legend className="fieldset__legend fieldset__legend--m">{legend}</legend>
        <div className="hint" id={`${name}-hint`}>
          {hint}
        </div>
        <ErrorMessage id={`${name}-error`} text={error} t={t} />
        <div className="checkboxes kpi-options">
          {options.map((o, i) => {
            const id = i === 0 ? name : `${name}-${i + 1}`;
            return (
              <div className="checkboxes__item" key={o.code}>
                <input
                  className="checkboxes__input"
                  id={id}
                  name={name}
                  type="checkbox"
                  value={o.code}
                  defaultChecked={selected.includes(o.code)}
                />
                <label className="label checkboxes__label" htmlFor={id}>
                  {o.label} <code>{o.code}</code>
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </FormGroup>
  );
}
