import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { BackLink, Button, EasyRead, ErrorSummary, PostForm } from "~/components/forms";
import { EasyReadCheck } from "~/components/easy-read/check";
import { titleByReading } from "~/components/easy-read/title";
import { problemText } from "~/components/problems";
import { getDb } from "~/db.server";
import { routedAnswers, visibleQuestions } from "~/domain/routing";
import { localise, optionsOf } from "~/domain/survey";
import { useTranslation } from "~/i18n/use-translation";
import { requestLanguage } from "~/respondent/language.server";
import { loadAnswers, submitResponse } from "~/models/responses.server";
import { translator } from "~/i18n";
import { receiptCodeFor, senderCookieIfMissing, senderKey } from "~/respondent/receipt.server";
import {
  contentLanguage,
  flashCookie,
  invitationToken,
  RECEIPT_COOKIE,
  requireInProgress,
  requireSurvey,
  surveyPath,
} from "~/respondent/survey-session.server";
import { assistedAuthority, assistedBannerFor } from "~/respondent/assisted.server";
import { AssistedBanner } from "~/components/assisted-banner";

export const meta = titleByReading("check.title", "easyRead.check.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const survey = await requireSurvey(params.publicId);
  const { response, definition } = await requireInProgress(request, survey);
  const language = contentLanguage(survey, requestLanguage(request));
  const answers = routedAnswers(definition, await loadAnswers(getDb(), response.id));
  const shown = visibleQuestions(definition, answers);
  // The key that lets this device see its receipt code again if the reply to Send is lost.
  const sender = senderCookieIfMissing(request, survey.publicId);
  return json(
    {
      forum: { name: survey.forumName, colour: survey.forumColour },
      publicId: survey.publicId,
      easyRead: definition.easyRead === true,
      back: surveyPath(survey.publicId, `q/${shown[shown.length - 1].code}`),
      rows: shown.map((question) => {
        const answer = answers[question.code];
        let text: string[] = [];
        if (answer?.kind === "options") {
          const options = optionsOf(question);
          text = answer.codes.map((code) => localise(options.find((o) => o.code === code)?.label, language) || code);
        } else if (answer?.kind === "text") text = [answer.text];
        else if (answer?.kind === "number") text = [String(answer.value)];
        return { code: question.code, title: localise(question.title, language), text };
      }),
      assisted: await assistedBannerFor(request, survey),
    },
    sender ? { headers: { "Set-Cookie": sender } } : undefined,
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const survey = await requireSurvey(params.publicId);
  const { response, definition } = await requireInProgress(request, survey);
  // The member entering it for someone must still be signed in, with their role, at Send.
  const assisted = await assistedAuthority(request, survey);
  const language = contentLanguage(survey, requestLanguage(request));
  const invitation = survey.access === "invite_only" ? { token: invitationToken(request) } : null;
  const key = senderKey(request);
  const result = await submitResponse(getDb(), response, definition, language, {
    invitation,
    receiptCode: key ? receiptCodeFor(key, response.id) : undefined,
    assisted,
  });
  if (result.status === "invitation_spent") {
    const t = translator(requestLanguage(request));
    throw json({ title: t("invite.spent.title"), body: t("invite.spent.body") }, { status: 410 });
  }
  if (result.status === "invalid") {
    const t = translator(requestLanguage(request));
    return json(
      {
        errors: result.problems.map((p) => ({
          href: surveyPath(survey.publicId, `q/${p.question}?change=1`),
          text: `${localise(definition.questions.find((q) => q.code === p.question)?.title, language)}: ${problemText(p.problem, t)}`,
        })),
      },
      { status: 400 },
    );
  }
  const headers = new Headers();
  if (result.status === "submitted") {
    headers.append("Set-Cookie", flashCookie(request, survey.publicId, RECEIPT_COOKIE, result.receiptCode, 24 * 3600));
  }
  return redirect(surveyPath(survey.publicId, "done"), { headers });
}

export default function CheckAnswers() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  if (data.easyRead) {
    const rows = data.rows.map((row) => ({ ...row, change: surveyPath(data.publicId, `q/${row.code}?change=1`) }));
    return <EasyReadCheck back={data.back} rows={rows} errors={result?.errors ?? []} />;
  }
  return (
    <EasyRead on={data.easyRead}>
      <AssistedBanner banner={data.assisted} page="check" />
      <BackLink href={data.back} t={t} />
      <ErrorSummary errors={result?.errors ?? []} t={t} />
      <h1 className="heading-l">{t("check.title")}</h1>
      <dl className="summary-list">
        {data.rows.map((row) => (
          <div className="summary-list__row" key={row.code}>
            <dt className="summary-list__key">{row.title}</dt>
            <dd className="summary-list__value">
              {row.text.length === 0 ? (
                <span className="hint">{t("check.notAnswered")}</span>
              ) : (
                row.text.map((line, i) => (
                  <p className="body summary-list__text" dir="auto" key={i}>
                    {line}
                  </p>
                ))
              )}
            </dd>
            <dd className="summary-list__actions">
              <a href={surveyPath(data.publicId, `q/${row.code}?change=1`)}>
                {t("check.change")}
                <span className="visually-hidden"> {row.title}</span>
              </a>
            </dd>
          </div>
        ))}
      </dl>
      <h2 className="heading-m">{t("check.send.heading")}</h2>
      <p className="body">{t("check.send.body")}</p>
      <PostForm>
        <Button>{t("check.send.button")}</Button>
      </PostForm>
    </EasyRead>
  );
}
