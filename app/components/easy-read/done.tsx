import { EasyRead } from "~/components/forms";
import { useTranslation } from "~/i18n/use-translation";
import { Picture, Point } from "./pictures";

/** Where the easy read receipt page is: the same page as everyone's, in easy read. */
export const EASY_READ_RECEIPT_PATH = "/receipt?easy=1";

/** The confirmation in easy read: sent, the receipt code, what the code is for, what happens next. */
export function EasyReadDone({ receiptCode }: { receiptCode: string | null }) {
  const { t } = useTranslation();
  return (
    <EasyRead on>
      <div className="panel easy-read-panel">
        <Picture name="tick" />
        <h1 className="panel__title">{t("easyRead.done.title")}</h1>
        {receiptCode ? (
          <div className="panel__body">
            {t("easyRead.done.receipt")}
            <br />
            <strong className="code" dir="ltr" data-testid="receipt-code">
              {receiptCode}
            </strong>
          </div>
        ) : null}
      </div>
      {receiptCode ? (
        <>
          <Point picture="receipt">{t("easyRead.done.keep")}</Point>
          <Point picture="search">{t("easyRead.done.check")}</Point>
          <Point picture="bin">{t("easyRead.done.takeBack")}</Point>
          <p className="body">
            <a href={EASY_READ_RECEIPT_PATH}>{t("easyRead.done.receiptLink")}</a>
          </p>
        </>
      ) : (
        <Point picture="trustedAdult">{t("easyRead.done.missing")}</Point>
      )}
      <h2 className="heading-m">{t("easyRead.done.next.heading")}</h2>
      <Point picture="people">{t("easyRead.done.next.read")}</Point>
      <Point picture="numbers">{t("easyRead.done.next.share")}</Point>
      <Point picture="megaphone">{t("easyRead.done.next.changes")}</Point>
      <p className="body">
        <a href="/">{t("easyRead.done.home")}</a>
      </p>
    </EasyRead>
  );
}
