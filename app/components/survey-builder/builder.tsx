import { zodResolver } from "@hookform/resolvers/zod";
import { useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState, useSyncExternalStore, type FormEvent, type MouseEvent } from "react";
import { useFieldArray, useForm, useWatch, type FieldPath, type Resolver } from "react-hook-form";
import { ErrorMessage, ErrorSummary } from "~/components/forms";
import { languageName, languagesOf, type BuilderForm } from "~/domain/survey-builder-form";
import { formToDefinition } from "~/domain/survey-builder-mapping";
import { blankQuestion, languageProblem } from "~/domain/survey-builder-steps";
import { translationCompleteness } from "~/domain/survey-diff";
import { translator } from "~/i18n";
import { AUDIENCE_NAMES, SurveyBuilderSchema } from "~/schemas/survey-builder";
import { Field, TextPair } from "./fields";
import { QuestionEditor } from "./question-editor";
import { idOf, type ErrorItem, type Register, type RegisterCheckbox, type Shared } from "./shared";

const noSubscription = () => () => {};

/** False on the server and in the first render, true once React runs in the browser. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

/** react-hook-form's nested errors as a flat list of dotted names. */
function flattenErrors(errors: unknown, prefix: string[] = []): ErrorItem[] {
  if (!errors || typeof errors !== "object") return [];
  const node = errors as Record<string, unknown>;
  const found: ErrorItem[] = [];
  if (typeof node.message === "string" && node.message && "type" in node) {
    found.push({ path: prefix.filter((key) => key !== "root").join("."), message: node.message });
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === "ref" || key === "message" || key === "type" || key === "types") continue;
    found.push(...flattenErrors(value, [...prefix, key]));
  }
  return found;
}

function questionNumber(path: string): number | undefined {
  const match = /^questions\.(\d+)/.exec(path);
  return match ? Number(match[1]) : undefined;
}

/**
 * The survey builder: the whole draft as one form. With JavaScript, react-hook-form checks it as it is
 * typed and the buttons act in the page; without, every button posts its intent to the action.
 */
export function Builder({
  initial,
  initialChosen,
  serverErrors,
  previewHref,
  languageLinks,
}: {
  initial: BuilderForm;
  initialChosen: string;
  serverErrors: ErrorItem[];
  previewHref: string;
  /** The saved draft's languages, each with the page that removes it; and the page for translators outside the platform. */
  languageLinks?: { saved: string[]; removeHref: (language: string) => string; translationsHref: string };
}) {
  const t = translator("en");
  const hydrated = useHydrated();
  const formRef = useRef<HTMLFormElement>(null);
  const newLanguageRef = useRef<HTMLInputElement>(null);
  const submit = useSubmit();
  const navigation = useNavigation();
  const {
    register,
    control,
    handleSubmit,
    setValue,
    getValues,
    formState: { errors },
  } = useForm<BuilderForm>({
    defaultValues: initial,
    // The same schema the action checks with; its issues carry the form's field names.
    resolver: zodResolver(SurveyBuilderSchema) as unknown as Resolver<BuilderForm>,
    shouldFocusError: false,
  });
  const questions = useFieldArray({ control, name: "questions" });
  const watched = useWatch({ control }) as BuilderForm;
  const values: BuilderForm = { ...initial, ...watched };
  const languages = languagesOf(values);
  const translations = languages.filter((l) => l !== "en");
  const [chosenState, setChosen] = useState(initialChosen);
  const chosen = translations.includes(chosenState) ? chosenState : (translations[0] ?? "");
  const [server, setServer] = useState(serverErrors);
  const [languageError, setLanguageError] = useState<string>();
  const [summaryFocus, setSummaryFocus] = useState(serverErrors.length > 0 ? 1 : 0);
  // New errors from the server replace the shown ones and move focus to the summary (state
  // adjusted while rendering, as React recommends, rather than in an effect).
  const [seenServerErrors, setSeenServerErrors] = useState(serverErrors);
  if (seenServerErrors !== serverErrors) {
    setSeenServerErrors(serverErrors);
    setServer(serverErrors);
    if (serverErrors.length > 0) setSummaryFocus((n) => n + 1);
  }
  useEffect(() => {
    if (summaryFocus > 0) document.querySelector<HTMLElement>(".error-summary")?.focus();
  }, [summaryFocus]);

  const reg: Register = (name) => {
    const value = getValues(name as FieldPath<BuilderForm>) as unknown;
    return { ...register(name as FieldPath<BuilderForm>), defaultValue: typeof value === "string" ? value : "" };
  };
  const regCheckbox: RegisterCheckbox = (name) => ({
    ...register(name as FieldPath<BuilderForm>),
    defaultChecked: getValues(name as FieldPath<BuilderForm>) === true,
  });
  const shown = new Map<string, string>();
  for (const item of [...flattenErrors(errors), ...server, ...(languageError ? [{ path: "new_language", message: languageError }] : [])]) {
    if (!shown.has(item.path)) shown.set(item.path, item.message);
  }
  const errorFor = (path: string) => shown.get(path);
  const summary = [...shown.entries()]
    .map(([path, message]) => ({ path, message, question: questionNumber(path) }))
    .sort((a, b) => (a.question ?? -1) - (b.question ?? -1))
    .map(({ path, message, question }) => ({
      href: `#${idOf(path || "questions")}`,
      text: question === undefined ? message : `Question ${question + 1}: ${message}`,
    }));

  const definition = formToDefinition(values);
  const completeness = translations.map((language) => ({ language, ...translationCompleteness(definition, language) }));

  const onValid = () => {
    if (!formRef.current) return;
    const data = new FormData(formRef.current);
    data.set("intent", "save");
    submit(data, { method: "post" });
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    setServer([]);
    setLanguageError(undefined);
    void handleSubmit(onValid, () => setSummaryFocus((n) => n + 1))(event);
  };

  /** A button that posts its intent without JavaScript and acts in the page with it. */
  const act = (run: () => void) => (event: MouseEvent<HTMLButtonElement>) => {
    event.preventDefault();
    run();
  };
  const focusLater = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());

  const addLanguage = () => {
    const code = (newLanguageRef.current?.value ?? "").trim().toLowerCase();
    const problem = languageProblem(code, languages);
    setLanguageError(problem);
    if (problem) return;
    setValue("languages", [...languages, code], { shouldDirty: true });
    setChosen(code);
    if (newLanguageRef.current) newLanguageRef.current.value = "";
  };

  const shared: Shared = { reg, regCheckbox, control, setValue, values, translations, chosen, errorFor };
  const saving = navigation.state === "submitting";
  return (
    <form method="post" noValidate ref={formRef} onSubmit={onSubmit} className="builder">
      <ErrorSummary errors={summary} t={t} />
      {/* The first button in the form: Enter in any field saves, as it should. */}
      <div className="button-group">
        <button type="submit" className="button" name="intent" value="save" disabled={saving}>
          {saving ? "Saving…" : "Save draft"}
        </button>
        <a className="button button--secondary" href={`${previewHref}${chosen ? `?lang=${chosen}` : ""}`}>
          Preview the saved draft
        </a>
      </div>
      {languages.map((language, i) => (
        <input key={language} type="hidden" name={`languages.${i}`} value={language} />
      ))}

      <section className="builder-languages" id={idOf("languages")} aria-labelledby="languages-heading">
        <h2 className="heading-m" id="languages-heading">
          Languages
        </h2>
        <ErrorMessage id="languages-error" text={errorFor("languages")} t={t} />
        {translations.length === 0 ? (
          <p className="body">English only so far. Add a language to translate each text beside the English.</p>
        ) : (
          <>
            <ul className="builder-completeness">
              {completeness.map((c) => (
                <li key={c.language} data-testid={`completeness-${c.language}`}>
                  <span className={c.done === c.total ? "tag" : "tag tag--amber"}>
                    {languageName(c.language)}: {c.done} of {c.total} texts
                  </span>
                  {languageLinks?.saved.includes(c.language) ? (
                    <>
                      {" "}
                      <a href={languageLinks.removeHref(c.language)}>Remove {languageName(c.language)}</a>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
            {languageLinks ? (
              <p className="body">Removing a language changes the saved draft at once: save your changes here first.</p>
            ) : null}
            <div className="form-group">
              <label className="label" htmlFor="chosen_language">
                Translation shown beside the English
              </label>
              <select
                className="select"
                id="chosen_language"
                name="chosen_language"
                value={chosen}
                onChange={(event) => setChosen(event.target.value)}
              >
                {translations.map((language) => (
                  <option key={language} value={language}>
                    {languageName(language)} ({language})
                  </option>
                ))}
              </select>{" "}
              {hydrated ? null : (
                <button type="submit" className="button button--secondary button--small" name="intent" value="show_language">
                  Show
                </button>
              )}
            </div>
          </>
        )}
        {languageLinks ? (
          <p className="body">
            <a href={languageLinks.translationsHref}>Send the texts to a translator, or import a translation</a>
          </p>
        ) : null}
        <div className={`form-group${languageError || errorFor("new_language") ? " form-group--error" : ""}`}>
          <label className="label" htmlFor={idOf("new_language")}>
            Add a language
          </label>
          <div className="hint" id="new-language-hint">
            Its code: ur (Urdu), pa (Punjabi), bn (Bengali), ar (Arabic), pl (Polish), ro (Romanian), so (Somali) or ps (Pashto), the
            languages parents can be served in. A survey is published in a language only once every text is translated.
          </div>
          <ErrorMessage id="new-language-error" text={errorFor("new_language")} t={t} />
          <input
            ref={newLanguageRef}
            className="input input--width-number"
            id={idOf("new_language")}
            name="new_language"
            type="text"
            spellCheck={false}
            autoComplete="off"
            aria-describedby="new-language-hint"
          />{" "}
          <button
            type="submit"
            className="button button--secondary button--small"
            name="intent"
            value="add_language"
            onClick={(event) => {
              event.preventDefault();
              addLanguage();
            }}
          >
            Add language
          </button>
        </div>
      </section>

      <section aria-labelledby="details-heading">
        <h2 className="heading-m" id="details-heading">
          About the survey
        </h2>
        <TextPair shared={shared} base="title" label="Title" />
        <TextPair shared={shared} base="intro" label="Introduction" multiline />
        <div className="builder-row">
          <Field label="Who it is for" name="audience" error={errorFor("audience")}>
            <select className="select" id={idOf("audience")} {...reg("audience")}>
              {Object.entries(AUDIENCE_NAMES).map(([value, name]) => (
                <option key={value} value={value}>
                  {name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Minutes it takes, roughly" name="minutes" error={errorFor("minutes")}>
            <input className="input input--width-number" id={idOf("minutes")} inputMode="numeric" {...reg("minutes")} />
          </Field>
          <div className="form-group builder-row__end">
            <div className="checkboxes__item">
              <input
                className="checkboxes__input"
                type="checkbox"
                id={idOf("easyRead")}
                aria-describedby={`${idOf("easyRead")}-hint`}
                {...regCheckbox("easyRead")}
              />
              <label className="label checkboxes__label" htmlFor={idOf("easyRead")}>
                Easy read
              </label>
            </div>
            <div className="hint" id={`${idOf("easyRead")}-hint`}>
              For children and young people: larger text, and a face beside each answer of a 3-point scale.
            </div>
          </div>
        </div>
      </section>

      <section aria-labelledby="questions-heading" id={idOf("questions")}>
        <h2 className="heading-m" id="questions-heading">
          Questions
        </h2>
        <ErrorMessage id="questions-error" text={errorFor("questions")} t={t} />
        {questions.fields.map((field, index) => (
          <QuestionEditor
            // Keyed by place as well: a moved question's options list is read afresh.
            key={`${field.id}:${index}`}
            shared={shared}
            index={index}
            total={questions.fields.length}
            onMove={(to) => {
              questions.move(index, to);
              focusLater(idOf(`questions.${to}.code`));
            }}
            onRemove={() => questions.remove(index)}
            hydrated={hydrated}
          />
        ))}
        <button
          type="submit"
          className="button button--secondary"
          name="intent"
          value="add_question"
          onClick={act(() => {
            questions.append(blankQuestion(getValues()), { shouldFocus: false });
            focusLater(idOf(`questions.${questions.fields.length}.code`));
          })}
        >
          Add a question
        </button>
      </section>
      <div className="button-group">
        <button type="submit" className="button" name="intent" value="save" disabled={saving}>
          {saving ? "Saving…" : "Save draft"}
        </button>
      </div>
    </form>
  );
}
