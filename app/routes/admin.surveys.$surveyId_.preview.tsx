import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";

import { useLoaderData } from "@remix-run/react";
import { BackLink, Button, ChoiceField, TextField } from "~/components/forms";
import { requireRole } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { easyReadFaces, localise, maxLengthOf, optionsOf } from "~/domain/survey";
import { languageName } from "~/domain/survey-builder-form";
import { directionOf, translator } from "~/i18n";
import { getDraft } from "~/models/surveys.server";
import { staffChrome } from "~/auth/staff.server";
import { notFound } from "~/http.server";

/**
 * A survey as a parent sees it, in any of its languages, drawn with the public pages' own
 * components. Nothing is posted and nothing is stored: the Continue button only moves on.
 */
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Preview: ${data.staffTitle}` : "Preview" }];
export const handle = { wide: true };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireRole(request, ["admin"]);
  const editable = params.surveyId ? await getDraft(getDb(), staff.forumId, params.surveyId) : undefined;
  if (!editable) throw notFound();
  const definition = editable.base;
  const url = new URL(request.url);
  const asked = url.searchParams.get("lang") ?? "en";
  const language = definition.languages.includes(asked) ? asked : "en";
  const step = url.searchParams.get("step") ?? "";
  const index = definition.questions.findIndex((q) => q.code === step);
  const question = index >= 0 ? definition.questions[index] : undefined;
  const faces = question ? easyReadFaces(definition, question) : null;
  const link = (to: string, lang = language) => `?lang=${encodeURIComponent(lang)}${to ? `&step=${encodeURIComponent(to)}` : ""}`;
  return {
    ...staffChrome(staff),
    surveyId: editable.id,
    staffTitle: definition.title.en,
    version: editable.draft ? `version ${editable.draft.versionNo}, the draft` : `version ${editable.published[0]?.versionNo}, published`,
    language,
    easyRead: definition.easyRead === true,
    languages: definition.languages.map((code) => ({ code, name: languageName(code), href: link(step, code) })),
    steps: [
      { href: link(""), label: "Start page", current: !question },
      ...definition.questions.map((q, i) => ({ href: link(q.code), label: `${i + 1}. ${q.code}`, current: i === index })),
    ],
    start: {
      title: localise(definition.title, language),
      intro: localise(definition.intro, language),
      minutes: definition.minutes,
      first: definition.questions[0]?.code ?? "",
    },
    end: step === "end",
    question: question
      ? {
          code: question.code,
          type: question.type,
          required: question.required,
          title: localise(question.title, language),
          hint: question.hint ? localise(question.hint, language) : undefined,
          maxLength: question.type.startsWith("text") ? maxLengthOf(question) : undefined,
          options: optionsOf(question).map((o, i) => ({
            value: o.code,
            label: localise(o.label, language),
            face: faces?.[i] ?? undefined,
          })),
          number: index + 1,
          total: definition.questions.length,
          routing: question.showWhen ? `Asked only when ${question.showWhen.question} is ${question.showWhen.anyOf.join(" or ")}.` : null,
          missing: language !== "en" && !question.title[language],
          back: link(index > 0 ? definition.questions[index - 1].code : ""),
          next: definition.questions[index + 1]?.code ?? "end",
        }
      : null,
  };
}

export default function Preview() {
  const data = useLoaderData<typeof loader>();
  const staffT = translator("en");
  // The parent's pages speak the survey's language where the interface has it, English otherwise.
  const t = translator(data.language);
  const { question } = data;
  const fieldId = question ? `answer-${question.code}` : "";
  return (
    <>
      <BackLink href={`/admin/surveys/${data.surveyId}`} t={staffT} />
      <div className="builder-preview-bar">
        <p className="body">
          <strong>Preview as a parent</strong>: {data.staffTitle}, {data.version}. Nothing you choose here is stored.
        </p>
        <nav aria-label="Preview language">
          <ul className="builder-actions">
            {data.languages.map((l) => (
              <li key={l.code}>
                {l.code === data.language ? <strong aria-current="true">{l.name}</strong> : <a href={l.href}>{l.name}</a>}
              </li>
            ))}
          </ul>
        </nav>
        <details>
          <summary>Go to a page</summary>
          <nav aria-label="Preview pages">
            <ol className="builder-steps">
              {data.steps.map((s) => (
                <li key={s.href}>
                  <a href={s.href} aria-current={s.current ? "page" : undefined}>
                    {s.label}
                  </a>
                </li>
              ))}
            </ol>
          </nav>
        </details>
        {question?.routing ? <p className="body builder-preview-bar__note">{question.routing}</p> : null}
        {question?.missing ? <p className="body builder-preview-bar__note">Not translated yet: shown in English.</p> : null}
      </div>
      <div
        className={data.easyRead ? "builder-preview easy-read" : "builder-preview"}
        lang={data.language}
        dir={directionOf(data.language)}
      >
        {data.end ? (
          <>
            <h1 className="heading-l" lang="en" dir="ltr">
              That was the last question
            </h1>
            <p className="body" lang="en" dir="ltr">
              Families now check their answers and send them. <a href={data.steps[0].href}>Back to the start page</a>.
            </p>
          </>
        ) : question ? (
          <>
            <BackLink href={question.back} t={t} />
            <form method="get" noValidate>
              <input type="hidden" name="lang" value={data.language} />
              <input type="hidden" name="step" value={question.next} />
              {question.type === "single_choice" || question.type === "yes_no" || question.type === "multiple_choice" ? (
                <ChoiceField
                  type={question.type === "multiple_choice" ? "checkbox" : "radio"}
                  name="preview_answer"
                  idPrefix={fieldId}
                  legend={
                    <>
                      <span className="caption-m">
                        {t("question.progress", { number: question.number, total: question.total })}
                        <span className="visually-hidden">: </span>
                      </span>
                      {question.title}
                      {question.required ? null : <span className="optional"> {t("question.optional")}</span>}
                    </>
                  }
                  asHeading
                  hint={
                    [question.hint, question.type === "multiple_choice" ? t("question.selectAll") : undefined].filter(Boolean).join(" ") ||
                    undefined
                  }
                  choices={question.options}
                  selected={[]}
                  t={t}
                />
              ) : (
                <TextField
                  id={fieldId}
                  name="preview_answer"
                  label={
                    <>
                      <span className="caption-m">
                        {t("question.progress", { number: question.number, total: question.total })}
                        <span className="visually-hidden">: </span>
                      </span>
                      {question.title}
                      {question.required ? null : <span className="optional"> {t("question.optional")}</span>}
                    </>
                  }
                  asHeading
                  hint={[question.hint, question.maxLength ? t("question.charactersLeft", { max: question.maxLength }) : undefined]
                    .filter(Boolean)
                    .join(" ")}
                  multiline={question.type === "text_long"}
                  inputMode={question.type === "number" ? "numeric" : undefined}
                  width={question.type === "number" ? "number" : undefined}
                  t={t}
                />
              )}
              <Button>{t("question.continue")}</Button>
            </form>
          </>
        ) : (
          <>
            <h1 className="heading-xl">{data.start.title}</h1>
            <p className="lead">{data.start.intro}</p>
            <p className="body">{t("start.minutes", { minutes: data.start.minutes })}</p>
            <form method="get">
              <input type="hidden" name="lang" value={data.language} />
              <input type="hidden" name="step" value={data.start.first} />
              <Button>{t("start.button")}</Button>
            </form>
          </>
        )}
      </div>
    </>
  );
}
