import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { EasyRead } from "~/components/forms";
import { EasyReadSaved } from "~/components/easy-read/save";
import { titleByReading } from "~/components/easy-read/title";
import { readCookie } from "~/cookies.server";
import { useTranslation } from "~/i18n/use-translation";
import { requireInProgress, requireSurvey, RESUME_COOKIE, surveyPath } from "~/respondent/survey-session.server";
import { assistedBannerFor } from "~/respondent/assisted.server";
import { AssistedBanner } from "~/components/assisted-banner";

export const meta = titleByReading("save.title", "easyRead.save.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const survey = await requireSurvey(params.publicId);
  await requireInProgress(request, survey);
  const code = readCookie(request, RESUME_COOKIE);
  if (!code || !/^[0-9A-Z-]{5,20}$/.test(code)) throw redirect(surveyPath(survey.publicId, "continue"));
  const origin = new URL(request.url).origin;
  return {
    forum: { name: survey.forumName, colour: survey.forumColour },
    easyRead: survey.definition.easyRead === true,
    code,
    link: `${origin}/resume/${code}`,
    continuePath: surveyPath(survey.publicId, "continue"),
    assisted: await assistedBannerFor(request, survey),
  };
}

export default function Saved() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  if (data.easyRead) return <EasyReadSaved code={data.code} link={data.link} continuePath={data.continuePath} />;
  return (
    <EasyRead on={data.easyRead}>
      <AssistedBanner banner={data.assisted} page="save" />
      <h1 className="heading-l">{t("save.title")}</h1>
      <p className="body">{t("save.code")}</p>
      <p className="code code--large" dir="ltr" data-testid="resume-code">
        {data.code}
      </p>
      <p className="body">{t("save.body")}</p>
      <p className="body">
        {t("save.link")}:{" "}
        <a href={data.link} dir="ltr" className="break" data-testid="resume-link">
          {data.link}
        </a>
      </p>
      <p className="body">
        <a className="button" href={data.continuePath}>
          {t("save.continue")}
        </a>
      </p>
    </EasyRead>
  );
}
