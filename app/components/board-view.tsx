/**
 * The board's choice of survey, period type, period and breakdown: a plain GET form, so it works with
 * JavaScript off and every view has its own address (which the exports reuse).
 */
import { ErrorMessage, FormGroup } from "~/components/forms";
import type { Translate } from "~/i18n";

export interface Choice {
  value: string;
  label: string;
}

function SelectField({
  id,
  label,
  hint,
  choices,
  value,
  error,
  t,
}: {
  id: string;
  label: string;
  hint?: string;
  choices: Choice[];
  value: string;
  error?: string;
  t: Translate;
}) {
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
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
      <select className="select" id={id} name={id} defaultValue={value} aria-describedby={describedBy}>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </FormGroup>
  );
}

interface BoardViewChoices {
  surveys: Choice[];
  periodTypes: Choice[];
  /** The survey's periods of the chosen type with responses, newest first. */
  periods: Choice[];
  segments: Choice[];
}

export function BoardViewForm({
  action,
  choices,
  values,
  errors,
  submitLabel,
  t,
}: {
  action: string;
  choices: BoardViewChoices;
  values: { survey: string; periodType: string; period: string; by: string };
  errors: Record<string, string>;
  submitLabel: string;
  t: Translate;
}) {
  return (
    <form method="get" action={action} className="board-filter" noValidate>
      <SelectField id="survey" label="Survey" choices={choices.surveys} value={values.survey} error={errors.survey} t={t} />
      <SelectField
        id="periodType"
        label="Periods"
        choices={choices.periodTypes}
        value={values.periodType}
        error={errors.periodType}
        t={t}
      />
      <SelectField
        id="period"
        label="Period"
        choices={[{ value: "", label: "Latest with published figures" }, ...choices.periods]}
        value={values.period}
        error={errors.period}
        t={t}
      />
      <SelectField
        id="by"
        label="Breakdown (one at a time)"
        choices={[{ value: "", label: "No breakdown" }, ...choices.segments]}
        value={values.by}
        error={errors.by}
        t={t}
      />
      <div className="board-filter__submit">
        <button type="submit" className="button button--secondary">
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
