import { translatedTitle } from "~/i18n/meta";
import { useTranslation } from "~/i18n/use-translation";

export const meta = translatedTitle("receipt.withdrawn.title");

export default function Withdrawn() {
  const { t } = useTranslation();
  return (
    <>
      <div className="panel">
        <h1 className="panel__title">{t("receipt.withdrawn.title")}</h1>
      </div>
      <p className="body">{t("receipt.withdrawn.body")}</p>
      <p className="body">
        <a href="/">{t("done.home")}</a>
      </p>
    </>
  );
}
