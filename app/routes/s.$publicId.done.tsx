import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { EasyRead } from "~/components/forms";
import { EasyReadDone } from "~/components/easy-read/done";
import { titleByReading } from "~/components/easy-read/title";
import { readCookie } from "~/cookies.server";
import { useTranslation } from "~/i18n/use-translation";
import { recoverReceiptCode } from "~/respondent/receipt.server";
import { currentResponse, RECEIPT_COOKIE, requireSurvey, surveyPath } from "~/respondent/survey-session.server";
import { assistedBannerFor } from "~/respondent/assisted.server";
import { AssistedBanner } from "~/components/assisted-banner";

export const meta = titleByReading("done.title", "easyRead.done.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const survey = await requireSurvey(params.publicId);
  const response = await currentResponse(request, survey);
  const flashed = readCookie(request, RECEIPT_COOKIE);
  if (response?.status === "in_progress") throw redirect(surveyPath(survey.publicId, "check"));
  if (!response && !flashed) throw redirect(surveyPath(survey.publicId));
  // The code from the reply to Send; or, when that reply was lost, the same code again, which
  // only the device that sent can re-derive.
  const receiptCode =
    flashed && /^[0-9A-Z-]{5,20}$/.test(flashed) ? flashed : response ? recoverReceiptCode(request, response, new Date()) : null;
  return {
    forum: { name: survey.forumName, colour: survey.forumColour },
    easyRead: survey.definition.easyRead === true,
    receiptCode,
    assisted: await assistedBannerFor(request, survey),
  };
}

export default function Done() {
  const { receiptCode, easyRead, assisted } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  if (easyRead) return <EasyReadDone receiptCode={receiptCode} />;
  return (
    <EasyRead on={easyRead}>
      <AssistedBanner banner={assisted} page="done" />
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
