import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { BackLink, Button, ChoiceField, EasyRead, ErrorSummary, PostForm, TextField } from "~/components/forms";
import { getDb } from "~/db.server";
import { parseAnswer, rawOf } from "~/domain/answers";
import { firstUnanswered, positionOf } from "~/domain/routing";
import { easyReadFaces, localise, maxLengthOf, optionsOf, type SurveyDefinition } from "~/domain/survey";
import { problemText } from "~/components/problems";
import { translator } from "~/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { requestLanguage } from "~/respondent/language.server";
import { issueResumeCode, loadAnswers, ResponseAlreadySubmitted, saveAnswer } from "~/models/responses.server";
import {
  contentLanguage,
  flashCookie,
  requireInProgress,
  requireSurvey,
  RESUME_COOKIE,
  surveyPath,
} from "~/respondent/survey-session.server";
import { notFound, readForm } from "~/http.server";
import { assistedAuthority, assistedBannerFor } from "~/respondent/assisted.server";
import { AssistedBanner } from "~/components/assisted-banner";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? data.title : "Question" }];

function findQuestion(definition: SurveyDefinition, code: string | undefined) {
  const question = definition.questions.find((q) => q.code === code);
  if (!question) throw notFound();
  return question;
}

function notRouted(language: string) {
  const t = translator(language);
  return json({ title: t("question.notRouted.title"), body: t("question.notRouted.body") }, { status: 400 });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const survey = await requireSurvey(params.publicId);
  const { response, definition } = await requireInProgress(request, survey);
  const uiLanguage = requestLanguage(request);
  const language = contentLanguage(survey, uiLanguage);
  const question = findQuestion(definition, params.code);
  const answers = await loadAnswers(getDb(), response.id);
  const position = positionOf(definition, answers, question.code);
  if (!position) throw notRouted(uiLanguage);
  const change = new URL(request.url).searchParams.get("change") === "1";
  const answer = answers[question.code];
  const faces = easyReadFaces(definition, question);
  return {
    forum: { name: survey.forumName, colour: survey.forumColour },
    publicId: survey.publicId,
    easyRead: definition.easyRead === true,
    change,
    title: localise(question.title, language),
    question: {
      code: question.code,
      type: question.type,
      required: question.required,
      title: localise(question.title, language),
      hint: question.hint ? localise(question.hint, language) : undefined,
      maxLength: question.type.startsWith("text") ? maxLengthOf(question) : undefined,
      options: optionsOf(question).map((o, i) => ({ value: o.code, label: localise(o.label, language), face: faces?.[i] ?? undefined })),
    },
    position: { number: position.number, total: position.total, progress: position.progress },
    back: change
      ? surveyPath(survey.publicId, "check")
      : position.previous
        ? surveyPath(survey.publicId, `q/${position.previous.code}`)
        : surveyPath(survey.publicId),
    values: answer ? rawOf(answer) : [],
    assisted: await assistedBannerFor(request, survey),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const survey = await requireSurvey(params.publicId);
  const current = await requireInProgress(request, survey).catch((thrown) => {
    // Replaying a question form after submission must not change anything: say so plainly.
    if (thrown instanceof Response && thrown.headers.get("Location")?.endsWith("/done")) throw json(null, { status: 409 });
    throw thrown;
  });
  const { response, definition } = current;
  await assistedAuthority(request, survey);
  const uiLanguage = requestLanguage(request);
  const question = findQuestion(definition, params.code);
  const db = getDb();
  const answers = await loadAnswers(db, response.id);
  if (!positionOf(definition, answers, question.code)) throw notRouted(uiLanguage);

  const form = await readForm(request);
  const raw = form.getAll("answer").map((v) => (typeof v === "string" ? v : ""));
  const intent = form.get("intent") === "save" ? "save" : "continue";
  const blank = raw.every((v) => v.trim() === "");
  // Saving to come back later needs no answer on this page yet.
  const parsed = intent === "save" && blank ? ({ ok: true, value: answers[question.code] ?? null } as const) : parseAnswer(question, raw);
  if (!parsed.ok) {
    return json({ problem: parsed.problem, values: raw.map((v) => v.slice(0, 20_000)) }, { status: 400 });
  }
  const language = contentLanguage(survey, uiLanguage);
  try {
    await saveAnswer(db, response, question.code, parsed.value, language);
  } catch (error) {
    if (error instanceof ResponseAlreadySubmitted) throw json(null, { status: 409 });
    throw error;
  }

  if (intent === "save") {
    const code = await issueResumeCode(db, response.id);
    return redirect(surveyPath(survey.publicId, "save"), {
      headers: { "Set-Cookie": flashCookie(request, survey.publicId, RESUME_COOKIE, code ?? "") },
    });
  }
  const updated = Object.fromEntries(Object.entries(answers).filter(([code]) => code !== question.code));
  if (parsed.value) updated[question.code] = parsed.value;
  const change = new URL(request.url).searchParams.get("change") === "1";
  if (change) {
    const gap = firstUnanswered(definition, updated, question.code);
    return redirect(surveyPath(survey.publicId, gap ? `q/${gap.code}?change=1` : "check"));
  }
  const next = positionOf(definition, updated, question.code)?.next;
  return redirect(surveyPath(survey.publicId, next ? `q/${next.code}` : "check"));
}

export default function QuestionPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const { question } = data;
  const error = result?.problem ? problemText(result.problem, t) : undefined;
  const values = result?.values ?? data.values;
  const fieldId = `answer-${question.code}`;
  const caption = (
    <span className="caption-m">
      {t("question.progress", { number: data.position.number, total: data.position.total })}
      <span className="visually-hidden">: </span>
    </span>
  );
  const optional = question.required ? null : <span className="optional"> {t("question.optional")}</span>;
  const title = (
    <>
      {caption}
      {question.title}
      {optional}
    </>
  );
  const progress = data.position.progress;
  const choice = question.type === "single_choice" || question.type === "yes_no" || question.type === "multiple_choice";
  return (
    <EasyRead on={data.easyRead}>
      <AssistedBanner banner={data.assisted} page="question" />
      <BackLink href={data.back} t={t} />
      <div className="progress" aria-hidden="true">
        <div className="progress__bar" style={{ width: `${progress}%` }} />
      </div>
      <ErrorSummary errors={error ? [{ href: `#${choice ? `${fieldId}-question` : fieldId}`, text: error }] : []} t={t} />
      <PostForm>
        {question.type === "single_choice" || question.type === "yes_no" || question.type === "multiple_choice" ? (
          <ChoiceField
            type={question.type === "multiple_choice" ? "checkbox" : "radio"}
            name="answer"
            idPrefix={fieldId}
            legend={title}
            asHeading
            hint={
              [question.hint, question.type === "multiple_choice" ? t("question.selectAll") : undefined].filter(Boolean).join(" ") ||
              undefined
            }
            choices={question.options}
            selected={values}
            error={error}
            t={t}
          />
        ) : (
          <TextField
            id={fieldId}
            name="answer"
            label={title}
            asHeading
            hint={[question.hint, question.maxLength ? t("question.charactersLeft", { max: question.maxLength }) : undefined]
              .filter(Boolean)
              .join(" ")}
            value={values[0] ?? ""}
            error={error}
            multiline={question.type === "text_long"}
            inputMode={question.type === "number" ? "numeric" : undefined}
            width={question.type === "number" ? "number" : undefined}
            t={t}
          />
        )}
        <div className="button-group">
          <Button name="intent" value="continue">
            {t("question.continue")}
          </Button>
          <Button name="intent" value="save" secondary>
            {t("question.save")}
          </Button>
        </div>
      </PostForm>
    </EasyRead>
  );
}
