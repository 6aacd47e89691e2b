import { zodResolver } from "@hookform/resolvers/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState, useSyncExternalStore, type FormEvent, type MouseEvent, type ReactNode } from "react";
import {
  useFieldArray,
  useForm,
  useWatch,
  type Control,
  type FieldPath,
  type Resolver,
  type UseFormRegister,
  type UseFormSetValue,
} from "react-hook-form";
import { audit, requireRole } from "~/auth/session.server";
import { BackLink, ErrorMessage, ErrorSummary } from "~/components/forms";
import { getDb } from "~/db.server";
import { QUESTION_ROLES, QUESTION_TYPES, type QuestionRole, type QuestionType } from "~/domain/survey";
import { codeChangeMessage, kpisFedBy, translationCompleteness } from "~/domain/survey-diff";
import { directionOf, translator } from "~/i18n";
import { getDraft, saveDraft } from "~/models/surveys.server";
import {
  applyBuilderStep,
  AUDIENCE_NAMES,
  blankQuestion,
  blankOption,
  BuilderFormSchema,
  canRouteOn,
  definitionToForm,
  formFieldsToObject,
  formToDefinition,
  isChoice,
  languageName,
  languageProblem,
  languagesOf,
  parseBuilderStep,
  SurveyBuilderSchema,
  type BuilderForm,
  type BuilderQuestion,
} from "~/schemas/survey-builder";
import { SurveyDefinitionSchema } from "~/schemas/survey-definition";
import { staffChrome } from "~/auth/staff.server";
import { notFound } from "~/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Edit ${data.title}` : "Edit survey" }];
export const handle = { hydrate: true, wide: true };

/** An error as the page shows it: the dotted field name and a message in plain words. */
interface ErrorItem {
  path: string;
  message: string;
}

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

async function load(request: Request, surveyId: string | undefined) {
  const staff = await requireRole(request, ["admin"]);
  const editable = surveyId ? await getDraft(getDb(), staff.forumId, surveyId) : undefined;
  if (!editable) throw notFound();
  return { staff, editable };
}

/** A short fingerprint of the stored draft: the builder starts afresh when it changes. */
function fingerprint(text: string): string {
  let hash = 5381;
  for (let i = 0; i < text.length; i++) hash = ((hash * 33) ^ text.charCodeAt(i)) >>> 0;
  return hash.toString(36);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { staff, editable } = await load(request, params.surveyId);
  const url = new URL(request.url);
  const publishedCodes = [...new Set(editable.published.flatMap((p) => p.definition.questions.map((q) => q.code)))];
  const form = definitionToForm(editable.base, publishedCodes);
  const translations = form.languages.filter((l) => l !== "en");
  const asked = url.searchParams.get("lang") ?? "";
  const definitionJson = JSON.stringify(editable.base, null, 2);
  return {
    ...staffChrome(staff),
    survey: { id: editable.id, slug: editable.slug, status: editable.status },
    title: editable.base.title.en,
    draftVersionNo: editable.draft?.versionNo ?? null,
    nextVersionNo: editable.draftVersionNo,
    publishedVersionNo: editable.published[0]?.versionNo ?? null,
    form,
    formKey: `${editable.draft?.versionId ?? "published"}-${fingerprint(definitionJson)}`,
    json: definitionJson,
    chosen: translations.includes(asked) ? asked : (translations[0] ?? ""),
    saved: url.searchParams.get("saved") === "1",
    created: url.searchParams.get("created") === "1",
  };
}

function issueItems(issues: readonly { path: readonly PropertyKey[]; message: string }[]): ErrorItem[] {
  return issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { staff, editable } = await load(request, params.surveyId);
  const db = getDb();
  const body = await request.formData();
  const intent = String(body.get("intent") ?? "save");
  const back = (chosen: string, extra = "") =>
    `/admin/surveys/${editable.id}/edit?saved=1${chosen ? `&lang=${encodeURIComponent(chosen)}` : ""}${extra}`;

  if (intent === "save_json") {
    const text = String(body.get("definition_json") ?? "").slice(0, 2_000_000);
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : "it could not be read";
      return json(
        { kind: "json" as const, json: text, errors: [{ path: "", message: `This is not valid JSON: ${reason}` }] },
        { status: 400 },
      );
    }
    const parsed = SurveyDefinitionSchema.safeParse(raw);
    if (!parsed.success) return json({ kind: "json" as const, json: text, errors: issueItems(parsed.error.issues) }, { status: 400 });
    const saved = await saveDraft(db, staff.forumId, editable.id, parsed.data);
    if (!saved.ok) {
      const errors = saved.changes.map((c) => ({ path: `questions.${c.index}.code`, message: codeChangeMessage(c) }));
      return json({ kind: "json" as const, json: text, errors }, { status: 400 });
    }
    await audit(staff, "survey.draft_saved", editable.id, { version: saved.versionNo, from: "json" });
    return redirect(back(""));
  }

  const chosen = String(body.get("chosen_language") ?? "");
  const raw = formFieldsToObject(body.entries(), ["intent", "chosen_language", "new_language", "definition_json"]);
  const shape = BuilderFormSchema.safeParse(raw);
  if (!shape.success) {
    // Not something this page sends: start again from what is stored.
    const values = definitionToForm(
      editable.base,
      editable.published.flatMap((p) => p.definition.questions.map((q) => q.code)),
    );
    return json({ kind: "builder" as const, values, chosen, errors: issueItems(shape.error.issues) }, { status: 400 });
  }
  const form = shape.data;

  if (intent === "show_language") return json({ kind: "builder" as const, values: form, chosen, errors: [] as ErrorItem[] });
  if (intent !== "save") {
    // The builder's buttons, for a browser without JavaScript: change the form, store nothing.
    const step = parseBuilderStep(intent, String(body.get("new_language") ?? ""));
    if (!step)
      return json(
        { kind: "builder" as const, values: form, chosen, errors: [{ path: "intent", message: "Use one of the buttons on the page" }] },
        { status: 400 },
      );
    const applied = applyBuilderStep(form, step);
    const errors = applied.problem ? issueItems([applied.problem]) : [];
    const shown = step.kind === "add_language" && !applied.problem ? step.language : chosen;
    return json({ kind: "builder" as const, values: applied.form, chosen: shown, errors }, { status: applied.problem ? 400 : 200 });
  }

  const checked = SurveyBuilderSchema.safeParse(raw);
  if (!checked.success)
    return json({ kind: "builder" as const, values: form, chosen, errors: issueItems(checked.error.issues) }, { status: 400 });
  const saved = await saveDraft(db, staff.forumId, editable.id, checked.data, { origins: form.questions.map((q) => q.origin) });
  if (!saved.ok) {
    const errors = saved.changes.map((c) => ({ path: `questions.${c.index}.code`, message: codeChangeMessage(c) }));
    return json({ kind: "builder" as const, values: form, chosen, errors }, { status: 400 });
  }
  await audit(staff, "survey.draft_saved", editable.id, { version: saved.versionNo, from: "builder" });
  return redirect(back(chosen));
}

// ---------------------------------------------------------------------------------------------
// The page

const NO_ERRORS: ErrorItem[] = [];

export default function EditSurvey() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = translator("en");
  const builderResult = result?.kind === "builder" ? result : undefined;
  const jsonResult = result?.kind === "json" ? result : undefined;
  const versionText = data.draftVersionNo
    ? `You are editing the draft of version ${data.draftVersionNo}.`
    : `Version ${data.publishedVersionNo} is published and never changes. Saving here starts version ${data.nextVersionNo} as a draft; families keep answering version ${data.publishedVersionNo} until you publish it.`;
  return (
    <>
      <BackLink href={`/admin/surveys/${data.survey.id}`} t={t} />
      {data.saved || data.created ? (
        <div className="notification" role="status">
          <p className="notification__title">{data.created ? "Draft created" : `Draft saved as version ${data.draftVersionNo}`}</p>
          <p className="body">
            <a href={`/admin/surveys/${data.survey.id}/preview`}>Preview it as a parent</a> or{" "}
            <a href={`/admin/surveys/${data.survey.id}`}>publish it from the survey page</a>.
          </p>
        </div>
      ) : null}
      <h1 className="heading-l">
        <span className="caption-m">Survey builder · {data.survey.slug}</span>
        {data.title}
      </h1>
      <p className="body" data-testid="version-text">
        {versionText}
      </p>
      <Builder
        key={data.formKey}
        initial={builderResult?.values ?? data.form}
        initialChosen={builderResult?.chosen ?? data.chosen}
        serverErrors={builderResult?.errors ?? NO_ERRORS}
        previewHref={`/admin/surveys/${data.survey.id}/preview`}
      />
      <JsonEditor json={jsonResult?.json ?? data.json} errors={jsonResult?.errors ?? NO_ERRORS} />
    </>
  );
}

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

function idOf(name: string): string {
  return `f-${name.replace(/\./g, "-")}`;
}

function questionNumber(path: string): number | undefined {
  const match = /^questions\.(\d+)/.exec(path);
  return match ? Number(match[1]) : undefined;
}

/**
 * react-hook-form's register() plus the value itself: register() fills an input only once the
 * page runs JavaScript, and without it the server-rendered form must already show every value.
 */
type Register = (name: string) => ReturnType<UseFormRegister<BuilderForm>> & { defaultValue: string };
type RegisterCheckbox = (name: string) => ReturnType<UseFormRegister<BuilderForm>> & { defaultChecked: boolean };

interface Shared {
  reg: Register;
  regCheckbox: RegisterCheckbox;
  control: Control<BuilderForm>;
  setValue: UseFormSetValue<BuilderForm>;
  values: BuilderForm;
  translations: string[];
  chosen: string;
  errorFor: (path: string) => string | undefined;
}

function Builder({
  initial,
  initialChosen,
  serverErrors,
  previewHref,
}: {
  initial: BuilderForm;
  initialChosen: string;
  serverErrors: ErrorItem[];
  previewHref: string;
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
                </li>
              ))}
            </ul>
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
        <div className={`form-group${languageError || errorFor("new_language") ? " form-group--error" : ""}`}>
          <label className="label" htmlFor={idOf("new_language")}>
            Add a language
          </label>
          <div className="hint" id="new-language-hint">
            Its code, for example ur (Urdu), pa (Punjabi), bn (Bengali), ar (Arabic), pl (Polish), ro (Romanian), so (Somali) or ps
            (Pashto).
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

function Field({
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
function TextPair({ shared, base, label, multiline }: { shared: Shared; base: string; label: string; multiline?: boolean }) {
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

function QuestionEditor({
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

function OptionsEditor({ shared, index }: { shared: Shared; index: number }) {
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

/** "Ask only when [earlier question] is one of [its options]". */
function RoutingEditor({ shared, index }: { shared: Shared; index: number }) {
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

function JsonEditor({ json, errors }: { json: string; errors: ErrorItem[] }) {
  const t = translator("en");
  return (
    <details className="builder-json" open={errors.length > 0 || undefined}>
      <summary>Edit the whole survey as JSON</summary>
      <p className="body">
        For large changes, or a browser without JavaScript. The same checks apply: saving replaces the draft only when the whole survey is
        valid.
      </p>
      <form method="post" noValidate>
        <input type="hidden" name="intent" value="save_json" />
        {errors.length > 0 ? (
          <div className="error-summary" role="alert" aria-labelledby="json-errors-title" tabIndex={-1}>
            <h2 className="error-summary__title" id="json-errors-title">
              The JSON was not saved
            </h2>
            <ul className="error-summary__list">
              {errors.map((e) => (
                <li key={`${e.path}:${e.message}`}>
                  <a href="#definition_json">
                    {e.path ? <code>{e.path}</code> : null}
                    {e.path ? ": " : null}
                    {e.message}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className={`form-group${errors.length > 0 ? " form-group--error" : ""}`}>
          <label className="label" htmlFor="definition_json">
            Survey definition (JSON)
          </label>
          <ErrorMessage
            id="definition_json-error"
            text={errors.length > 0 ? `${errors.length} problem${errors.length === 1 ? "" : "s"}: see the list above` : undefined}
            t={t}
          />
          <textarea
            className="textarea builder-json__text"
            id="definition_json"
            name="definition_json"
            rows={20}
            spellCheck={false}
            defaultValue={json}
            aria-describedby={errors.length > 0 ? "definition_json-error" : undefined}
          />
        </div>
        <button type="submit" className="button button--secondary">
          Save the JSON as the draft
        </button>
      </form>
    </details>
  );
}
