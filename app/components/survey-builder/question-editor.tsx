import type { MouseEvent } from "react";
import { QUESTION_ROLES, QUESTION_TYPES, type QuestionRole, type QuestionType } from "~/domain/survey";
import { isChoice, type BuilderQuestion } from "~/domain/survey-builder-form";
import { kpisFedBy } from "~/domain/survey-diff";
import { Field, TextPair } from "./fields";
import { OptionsEditor } from "./options-editor";
import { RoutingEditor } from "./routing-editor";
import { idOf, type Shared } from "./shared";

const TYPE_NAMES: Record<QuestionType, string> = {
  single_choice: "One answer from a list",
  multiple_choice: "Several answers from a list",
  yes_no: "Yes or no",
  text_short: "Short text",
  text_long: "Long text",
  number: "Number",
};

const ROLE_NAMES: Record<QuestionRole, string> = {
  kpi: "A KPI",
  segment: "Breakdowns (who answered)",
  free_text: "Comments to moderate",
  other: "Other",
};

export function QuestionEditor({
  shared,
  index,
  total,
  onMove,
  onRemove,
  hydrated,
}: {
  shared: Shared;
  index: number;
  total: number;
  onMove: (to: number) => void;
  onRemove: () => void;
  hydrated: boolean;
}) {
  const { reg, regCheckbox, values, errorFor } = shared;
  const question: BuilderQuestion | undefined = values.questions?.[index];
  if (!question) return null;
  const base = `questions.${index}`;
  const kpis = kpisFedBy(question.code.trim());
  const act = (run: () => void) => (event: MouseEvent<HTMLButtonElement>) => {
    event.preventDefault();
    run();
  };
  return (
    <fieldset className="builder-question" id={idOf(base)}>
      <legend className="fieldset__legend fieldset__legend--m">
        Question {index + 1}
        <span className="builder-question__code"> {question.code}</span>
      </legend>
      {kpis.length > 0 ? (
        <p className="builder-kpis">
          {kpis.map((kpi) => (
            <span key={kpi.id} className="tag tag--blue">
              Feeds {kpi.id} {kpi.name}
            </span>
          ))}
        </p>
      ) : null}
      <input type="hidden" {...reg(`${base}.origin`)} />
      <div className="builder-row">
        <Field
          label="Code"
          name={`${base}.code`}
          error={errorFor(`${base}.code`)}
          hint={question.origin ? "In a published version: this code cannot change." : "Lower-case letters, digits and underscores."}
        >
          <input
            className="input input--width-code builder-code"
            id={idOf(`${base}.code`)}
            spellCheck={false}
            autoComplete="off"
            {...reg(`${base}.code`)}
          />
        </Field>
        <Field label="Type" name={`${base}.type`} error={errorFor(`${base}.type`)}>
          <select className="select" id={idOf(`${base}.type`)} {...reg(`${base}.type`)}>
            {QUESTION_TYPES.map((type) => (
              <option key={type} value={type}>
                {TYPE_NAMES[type]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Used for" name={`${base}.role`} error={errorFor(`${base}.role`)}>
          <select className="select" id={idOf(`${base}.role`)} {...reg(`${base}.role`)}>
            {QUESTION_ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_NAMES[role]}
              </option>
            ))}
          </select>
        </Field>
        <div className="form-group builder-row__end">
          <div className="checkboxes__item">
            <input className="checkboxes__input" type="checkbox" id={idOf(`${base}.required`)} {...regCheckbox(`${base}.required`)} />
            <label className="label checkboxes__label" htmlFor={idOf(`${base}.required`)}>
              An answer is required
            </label>
          </div>
        </div>
      </div>
      <TextPair shared={shared} base={`${base}.title`} label="Question" />
      <TextPair shared={shared} base={`${base}.hint`} label="Help text" multiline />
      {isChoice(question.type) ? <OptionsEditor shared={shared} index={index} /> : null}
      {question.type === "text_short" || question.type === "text_long" ? (
        <Field label="Most characters (optional)" name={`${base}.maxLength`} error={errorFor(`${base}.maxLength`)}>
          <input className="input input--width-number" id={idOf(`${base}.maxLength`)} inputMode="numeric" {...reg(`${base}.maxLength`)} />
        </Field>
      ) : null}
      {question.type === "number" ? (
        <div className="builder-row">
          <Field label="Smallest number (optional)" name={`${base}.min`} error={errorFor(`${base}.min`)}>
            <input className="input input--width-number" id={idOf(`${base}.min`)} inputMode="decimal" {...reg(`${base}.min`)} />
          </Field>
          <Field label="Largest number (optional)" name={`${base}.max`} error={errorFor(`${base}.max`)}>
            <input className="input input--width-number" id={idOf(`${base}.max`)} inputMode="decimal" {...reg(`${base}.max`)} />
          </Field>
        </div>
      ) : null}
      <RoutingEditor shared={shared} index={index} />
      <div className="button-group builder-question__actions">
        <button
          type="submit"
          className="button button--secondary button--small"
          name="intent"
          value={`move_question:${index}:up`}
          disabled={index === 0}
          onClick={act(() => onMove(index - 1))}
        >
          Move up<span className="visually-hidden"> question {index + 1}</span>
        </button>
        <button
          type="submit"
          className="button button--secondary button--small"
          name="intent"
          value={`move_question:${index}:down`}
          disabled={index === total - 1}
          onClick={act(() => onMove(index + 1))}
        >
          Move down<span className="visually-hidden"> question {index + 1}</span>
        </button>
        <button
          type="submit"
          className="button button--warning button--small"
          name="intent"
          value={`remove_question:${index}`}
          onClick={act(onRemove)}
        >
          Delete<span className="visually-hidden"> question {index + 1}</span>
        </button>
        {question.origin && hydrated ? <span className="hint">Deleting it removes it from the next version only.</span> : null}
      </div>
    </fieldset>
  );
}
