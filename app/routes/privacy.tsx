import { translatedTitle } from "~/i18n/meta";
import { useLoaderData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { useTranslation } from "~/i18n/use-translation";
import { retentionPeriods } from "~/models/retention.server";

export const meta = translatedTitle("privacy.title");

/** How long individual answers are kept: each forum sets its own period (the default is 24 months). */
export async function loader() {
  const periods = await retentionPeriods(getDb());
  return { shortest: periods[0], longest: periods[periods.length - 1] };
}

/** The privacy promise in plain words. The forum's full notice may add its own contact details. */
export default function Privacy() {
  const { t } = useTranslation();
  const { shortest, longest } = useLoaderData<typeof loader>();
  const period = shortest === longest ? `${shortest} months` : `between ${shortest} and ${longest} months, depending on the forum`;
  return (
    <>
      <h1 className="heading-l">{t("privacy.title")}</h1>
      <div lang="en" dir="ltr">
        <p className="body">
          The Parent Carer Forum is responsible for your answers (the data controller). We are independent of the council.
        </p>
        <h2 className="heading-m">What we collect</h2>
        <p className="body">
          Your answers, the language you answered in and the date. We never ask for your child's name, date of birth, school, NHS number or
          full postcode. Answers about your child's health, disability and special educational needs are special category data, so we ask
          for your agreement first and record it.
        </p>
        <h2 className="heading-m">Who sees them</h2>
        <p className="body">
          Only the forum's trained volunteers and staff read individual answers. The council and the SEND improvement board see totals only,
          and never a group of fewer than 10 families. Written answers are checked and names are removed before anything is quoted, and only
          if you agreed to quotes.
        </p>
        <h2 className="heading-m">Contact details</h2>
        <p className="body">
          If you ask us to contact you, we keep your contact details apart from your answers and delete them after we have been in touch.
        </p>
        <h2 className="heading-m">How long we keep them</h2>
        <p className="body">We delete individual answers after {period}. Totals are kept so that we can show change over time.</p>
        <h2 className="heading-m">Your rights</h2>
        <p className="body">
          You can check that we hold your answers, or withdraw them, with the receipt code you were given:{" "}
          <a href="/receipt">check or withdraw a response</a>. Withdrawing deletes your answers.
        </p>
      </div>
    </>
  );
}
