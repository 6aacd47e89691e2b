import type { MetaFunction } from "@remix-run/node";
import { useTranslation } from "~/i18n/use-translation";

export const meta: MetaFunction = () => [{ title: "Your response has been withdrawn" }];

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
