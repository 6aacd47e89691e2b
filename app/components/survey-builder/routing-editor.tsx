import type { FieldPath } from "react-hook-form";
import { ErrorMessage } from "~/components/forms";
import { canRouteOn, type BuilderForm } from "~/domain/survey-builder-form";
import { translator } from "~/i18n";
import { idOf, type Shared } from "./shared";

/** "Ask only when [earlier question] is one of [its options]". */
export function RoutingEditor({ shared, index }: { shared: Shared; index: number }) {
  const t = translator("en");
  const { values, setValue, errorFor } = shared;
  const question = values.questions[index];
  const base = `questions.${index}.showWhen`;
  const targetCode = question.showWhen?.question ?? "";
  const anyOf = question.showWhen?.anyOf ?? [];
  const earlier = values.questions.slice(0, index).filter((q) => canRouteOn(q.type) && q.code.trim() !== "");
  const target = earlier.find((q) => q.code.trim() === targetCode);
  const choices = target
    ? target.type === "yes_no"
      ? [
          { code: "yes", label: "Yes" },
          { code: "no", label: "No" },
        ]
      : target.options.map((o) => ({ code: o.code.trim(), label: o.label.en || o.code }))
    : anyOf.map((code) => ({ code, label: `${code} (not offered by any earlier question)` }));
  const path = (name: "question" | "anyOf") => `${base}.${name}` as FieldPath<BuilderForm>;
  const questionError = errorFor(`${base}.question`);
  const anyOfError = errorFor(`${base}.anyOf`);
  const short = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);
  return (
    <div className="builder-routing">
      <div className={`form-group${questionError ? " form-group--error" : ""}`}>
        <label className="label" htmlFor={idOf(`${base}.question`)}>
          Ask only when
        </label>
        <ErrorMessage id={`${idOf(`${base}.question`)}-error`} text={questionError} t={t} />
        <select
          className="select"
          id={idOf(`${base}.question`)}
          name={`${base}.question`}
          value={targetCode}
          aria-describedby={questionError ? `${idOf(`${base}.question`)}-error` : undefined}
          onChange={(event) => {
            setValue(path("question"), event.target.value, { shouldDirty: true });
            setValue(path("anyOf"), [], { shouldDirty: true });
          }}
        >
          <option value="">Always ask this question</option>
          {earlier.map((q) => (
            <option key={q.code} value={q.code.trim()}>
              {q.code.trim()}: {short(q.title.en ?? "")}
            </option>
          ))}
          {targetCode && !target ? <option value={targetCode}>{targetCode} (not an earlier question)</option> : null}
        </select>
      </div>
      {targetCode ? (
        <div className={`form-group${anyOfError ? " form-group--error" : ""}`}>
          <fieldset className="fieldset" id={idOf(`${base}.anyOf`)}>
            <legend className="fieldset__legend">is one of</legend>
            <ErrorMessage id={`${idOf(`${base}.anyOf`)}-error`} text={anyOfError} t={t} />
            <div className="checkboxes builder-checkboxes">
              {choices.map((choice, j) => {
                const id = `${idOf(`${base}.anyOf`)}-${j}`;
                return (
                  <div className="checkboxes__item" key={`${choice.code}-${j}`}>
                    <input
                      className="checkboxes__input"
                      type="checkbox"
                      id={id}
                      name={`${base}.anyOf`}
                      value={choice.code}
                      checked={anyOf.includes(choice.code)}
                      onChange={(event) => {
                        const next = event.target.checked ? [...anyOf, choice.code] : anyOf.filter((c) => c !== choice.code);
                        setValue(path("anyOf"), next, { shouldDirty: true });
                      }}
                    />
                    <label className="label checkboxes__label" htmlFor={id}>
                      {choice.label}
                    </label>
                  </div>
                );
              })}
            </div>
          </fieldset>
        </div>
      ) : null}
    </div>
  );
}
