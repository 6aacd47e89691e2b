import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { EasyRead } from "~/components/forms";
import { readCookie } from "~/cookies.server";
import { useTranslation } from "~/i18n/use-translation";
import { currentResponse, RECEIPT_COOKIE, requireSurvey, surveyPath } from "~/respondent/survey-session.server";

export const meta: MetaFunction = () => [{ title: "Your answers have been sent" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const survey = await requireSurvey(params.publicId);
  const response = await currentResponse(request, survey);
  const receiptCode = readCookie(request, RECEIPT_COOKIE);
  if (response?.status === "in_progress") throw redirect(surveyPath(survey.publicId, "check"));
  if (!response && !receiptCode) throw redirect(surveyPath(survey.publicId));
  return {
    forum: { name: survey.forumName, colour: survey.forumColour },
    easyRead: survey.definition.easyRead === true,
    receiptCode: receiptCode && /^[0-9A-Z-]{5,20}$/.test(receiptCode) ? receiptCode : null,
  };
}

export default function Done() {
  const { receiptCode, easyRead } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <EasyRead on={easyRead}>
      <div className="panel">
        <h1 className="panel__title">{t("done.title")}</h1>
        {receiptCode ? (
          <div className="panel__body">
            {t("done.receipt")}
            <br />
            <strong className="code" dir="ltr" data-testid="receipt-code">
              {receiptCode}
            </strong>
          </div>
        ) : null}
      </div>
      <p className="body">{receiptCode ? t("done.receiptHint") : t("done.receiptMissing")}</p>
      <h2 className="heading-m">{t("done.next.heading")}</h2>
      <p className="body">{t("done.next.body")}</p>
      <p className="body">
        <a href="/">{t("done.home")}</a>
      </p>
    </EasyRead>
  );
}
