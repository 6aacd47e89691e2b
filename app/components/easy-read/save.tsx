import { EasyRead } from "~/components/forms";
import { useTranslation } from "~/i18n/use-translation";
import { Point } from "./pictures";

/** "Stop and come back" in easy read: the code first, then what to do with it, one idea a line. */
export function EasyReadSaved({ code, link, continuePath }: { code: string; link: string; continuePath: string }) {
  const { t } = useTranslation();
  return (
    <EasyRead on>
      <h1 className="heading-l">{t("easyRead.save.title")}</h1>
      <Point picture="pause">{t("easyRead.save.stop")}</Point>
      <h2 className="heading-m">{t("easyRead.save.code")}</h2>
      <p className="code code--large" dir="ltr" data-testid="resume-code">
        {code}
      </p>
      <Point picture="pencil">{t("easyRead.save.keep")}</Point>
      <Point picture="phone">{t("easyRead.save.device")}</Point>
      <Point picture="clock">{t("easyRead.save.until")}</Point>
      <p className="body">
        {t("easyRead.save.link")}:{" "}
        <a href={link} dir="ltr" className="break" data-testid="resume-link">
          {link}
        </a>
      </p>
      <p className="body">
        <a className="button" href={continuePath}>
          {t("easyRead.save.continue")}
        </a>
      </p>
    </EasyRead>
  );
}
