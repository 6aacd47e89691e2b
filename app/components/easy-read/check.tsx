import { BackLink, Button, EasyRead, ErrorSummary, PostForm } from "~/components/forms";
import { useTranslation } from "~/i18n/use-translation";
import { Point } from "./pictures";

export interface CheckRow {
  code: string;
  title: string;
  text: string[];
  /** Where "Change" goes for this answer. */
  change: string;
}

/** Check your answers in easy read: the same list and Send button, with short sentences around them. */
export function EasyReadCheck({ back, rows, errors }: { back: string; rows: CheckRow[]; errors: { href: string; text: string }[] }) {
  const { t } = useTranslation();
  return (
    <EasyRead on>
      <BackLink href={back} t={t} />
      <ErrorSummary errors={errors} t={t} />
      <h1 className="heading-l">{t("easyRead.check.title")}</h1>
      <Point picture="pencil">{t("easyRead.check.change")}</Point>
      <dl className="summary-list">
        {rows.map((row) => (
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
              <a href={row.change}>
                {t("check.change")}
                <span className="visually-hidden"> {row.title}</span>
              </a>
            </dd>
          </div>
        ))}
      </dl>
      <h2 className="heading-m">{t("easyRead.check.send.heading")}</h2>
      <Point picture="tick">{t("easyRead.check.send.true")}</Point>
      <Point picture="receipt">{t("easyRead.check.send.code")}</Point>
      <PostForm>
        <Button>{t("check.send.button")}</Button>
      </PostForm>
    </EasyRead>
  );
}
