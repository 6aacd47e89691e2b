import { translatedTitle } from "~/i18n/meta";
import { useTranslation } from "~/i18n/use-translation";

export const meta = translatedTitle("accessibility.title");

export default function Accessibility() {
  const { t } = useTranslation();
  return (
    <>
      <h1 className="heading-l">{t("accessibility.title")}</h1>
      <div lang="en" dir="ltr">
        <p className="body">We want as many people as possible to be able to use this service. You should be able to:</p>
        <ul className="list list--bullet">
          <li>answer every survey with JavaScript turned off and on a slow connection</li>
          <li>zoom in up to 400% without the text spilling off the screen, on a screen 320 pixels wide</li>
          <li>use the whole service with a keyboard, speech recognition or a screen reader</li>
          <li>stop and come back later without losing your answers: there are no time limits</li>
          <li>use the service in English or Urdu, with more languages to come</li>
        </ul>
        <h2 className="heading-m">How accessible this service is</h2>
        <p className="body">
          This service aims to meet the Web Content Accessibility Guidelines version 2.2 at AA level. Every public page is checked
          automatically with axe-core in a real browser on a phone-sized screen each time the code changes. There is no CAPTCHA.
        </p>
        <h2 className="heading-m">Reporting problems</h2>
        <p className="body">
          If you find a problem, or need a survey in another format (paper, easy read, another language, or over the phone), please contact
          the Parent Carer Forum. We will reply within 5 working days.
        </p>
        <h2 className="heading-m">Enforcement procedure</h2>
        <p className="body">
          The Equality and Human Rights Commission (EHRC) is responsible for enforcing the accessibility regulations. If you are not happy
          with how we respond to your complaint, contact the Equality Advisory and Support Service.
        </p>
      </div>
    </>
  );
}
