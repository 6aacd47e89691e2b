import { Button, ChoiceField, EasyRead, ErrorSummary, PostForm, TextField } from "~/components/forms";
import { localeOf, type MessageKey } from "~/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { Point } from "./pictures";

/** The receipt page's problems, said in easy read (any other is shown as it is). */
const EASY_READ_PROBLEMS: Partial<Record<MessageKey, MessageKey>> = {
  "receipt.error.empty": "easyRead.receipt.error.empty",
  "receipt.error.notFound": "easyRead.receipt.error.notFound",
  "receipt.withdraw.error": "easyRead.receipt.withdraw.error",
};

export interface ReceiptResult {
  error: MessageKey | null;
  typed: string;
  found: { survey: string; submittedAt: string } | null;
}

/**
 * Check or take back a response, in easy read: find it by its receipt code, then delete it only
 * after ticking a box that says so. The same form fields as the standard page.
 */
export function EasyReadReceipt({ result }: { result?: ReceiptResult }) {
  const { t, language } = useTranslation();
  const problem = result?.error ? t(EASY_READ_PROBLEMS[result.error] ?? result.error) : undefined;
  const found = result?.found;
  if (found) {
    const date = new Intl.DateTimeFormat(localeOf(language), { dateStyle: "long", timeZone: "Europe/London" }).format(
      new Date(found.submittedAt),
    );
    return (
      <EasyRead on>
        <ErrorSummary errors={problem ? [{ href: "#confirm", text: problem }] : []} t={t} />
        <h1 className="heading-l">{t("easyRead.receipt.title")}</h1>
        <div className="panel panel--info">
          <p className="body" data-testid="receipt-found">
            {t("easyRead.receipt.found", { survey: found.survey, date })}
          </p>
        </div>
        <h2 className="heading-m">{t("easyRead.receipt.withdraw.heading")}</h2>
        <Point picture="bin">{t("easyRead.receipt.withdraw.delete")}</Point>
        <Point picture="pause">{t("easyRead.receipt.withdraw.final")}</Point>
        <Point picture="numbers">{t("easyRead.receipt.withdraw.numbers")}</Point>
        <PostForm>
          <input type="hidden" name="code" value={result.typed} />
          <ChoiceField
            type="checkbox"
            name="confirm"
            idPrefix="confirm"
            legend={t("easyRead.receipt.withdraw.sure")}
            choices={[{ value: "yes", label: t("easyRead.receipt.withdraw.confirm") }]}
            selected={[]}
            error={problem}
            t={t}
          />
          <button type="submit" className="button button--warning" name="intent" value="withdraw">
            {t("easyRead.receipt.withdraw.button")}
          </button>
        </PostForm>
      </EasyRead>
    );
  }
  return (
    <EasyRead on>
      <ErrorSummary errors={problem ? [{ href: "#code", text: problem }] : []} t={t} />
      <PostForm>
        <input type="hidden" name="intent" value="find" />
        <TextField
          id="code"
          name="code"
          label={t("easyRead.receipt.title")}
          asHeading
          hint={t("easyRead.receipt.hint")}
          value={result?.typed}
          error={problem}
          width="code"
          autoComplete="off"
          t={t}
        />
        <Button>{t("easyRead.receipt.button")}</Button>
      </PostForm>
      <Point picture="trustedAdult">{t("easyRead.done.missing")}</Point>
    </EasyRead>
  );
}

/** After taking back a response, in easy read. */
export function EasyReadWithdrawn() {
  const { t } = useTranslation();
  return (
    <EasyRead on>
      <div className="panel">
        <h1 className="panel__title">{t("easyRead.receipt.withdrawn.title")}</h1>
      </div>
      <Point picture="bin">{t("easyRead.receipt.withdrawn.body")}</Point>
      <p className="body">
        <a href="/">{t("easyRead.done.home")}</a>
      </p>
    </EasyRead>
  );
}
