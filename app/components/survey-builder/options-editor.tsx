import type { MouseEvent } from "react";
import { useFieldArray } from "react-hook-form";
import { ErrorMessage } from "~/components/forms";
import { languagesOf } from "~/domain/survey-builder-form";
import { blankOption } from "~/domain/survey-builder-steps";
import { translator } from "~/i18n";
import { Field, TextPair } from "./fields";
import { idOf, type Shared } from "./shared";

export function OptionsEditor({ shared, index }: { shared: Shared; index: number }) {
  const t = translator("en");
  const { reg, control, values, errorFor } = shared;
  const base = `questions.${index}.options`;
  const options = useFieldArray({ control, name: `questions.${index}.options` });
  const act = (run: () => void) => (event: MouseEvent<HTMLButtonElement>) => {
    event.preventDefault();
    run();
  };
  return (
    <fieldset className="fieldset builder-options" id={idOf(base)}>
      <legend className="fieldset__legend">Options</legend>
      <ErrorMessage id={`${idOf(base)}-error`} text={errorFor(base)} t={t} />
      {options.fields.map((field, j) => (
        <div className="builder-option" key={`${field.id}:${j}`}>
          <Field label={`Option ${j + 1} code`} name={`${base}.${j}.code`} error={errorFor(`${base}.${j}.code`)}>
            <input
              className="input input--width-code builder-code"
              id={idOf(`${base}.${j}.code`)}
              spellCheck={false}
              autoComplete="off"
              {...reg(`${base}.${j}.code`)}
            />
          </Field>
          <TextPair shared={shared} base={`${base}.${j}.label`} label={`Option ${j + 1}`} />
          <button
            type="submit"
            className="button button--secondary button--small"
            name="intent"
            value={`remove_option:${index}:${j}`}
            onClick={act(() => options.remove(j))}
          >
            Remove<span className="visually-hidden"> option {j + 1}</span>
          </button>
        </div>
      ))}
      <button
        type="submit"
        className="button button--secondary button--small"
        name="intent"
        value={`add_option:${index}`}
        onClick={act(() => {
          const languages = languagesOf(values);
          const taken = (values.questions[index]?.options ?? []).map((o) => o.code);
          options.append(blankOption(languages, taken), { shouldFocus: false });
        })}
      >
        Add an option<span className="visually-hidden"> to question {index + 1}</span>
      </button>
    </fieldset>
  );
}
