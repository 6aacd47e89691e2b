import { Fragment } from "react";
import { Button, EasyRead, ErrorMessage, ErrorSummary, FormGroup, PostForm } from "~/components/forms";
import type { MessageKey } from "~/i18n";
import { useTranslation } from "~/i18n/use-translation";
import type { ConsentWording } from "~/models/responses.server";
import { Picture, Point, type PictureName } from "./pictures";

export interface EasyReadStartData {
  open: boolean;
  title: string;
  intro: string;
  minutes: number;
  inProgress: boolean;
  idempotencyKey: string;
  consentWording: ConsentWording;
}

/** The boxes an easy read start asks for (see app/schemas/easy-read-start.ts for how they are recorded). */
const BOXES = ["participate", "special_category", "quotes"] as const;
const BOX_PICTURES: Record<(typeof BOXES)[number], PictureName> = { participate: "question", special_category: "heart", quotes: "words" };

/** A young person consents about themselves; an easy read survey for parents or staff keeps whose data it is. */
function boxText(box: (typeof BOXES)[number], wording: ConsentWording): MessageKey {
  if (box === "special_category" && wording !== "young_person") return `easyRead.start.consent.special_category.${wording}`;
  return `easyRead.start.consent.${box}`;
}

/**
 * The start page of an easy read survey: what it is, that answers are safe, and consent in
 * short sentences with a picture each. No contact form: a question goes to a trusted adult or
 * the forum instead.
 */
export function EasyReadStart({
  data,
  errors,
  values,
  continuePath,
}: {
  data: EasyReadStartData;
  errors: Record<string, MessageKey>;
  values?: Partial<Record<(typeof BOXES)[number], boolean>>;
  continuePath: string;
}) {
  const { t } = useTranslation();
  if (!data.open) {
    return (
      <EasyRead on>
        <h1 className="heading-l">{t("easyRead.start.closed.title")}</h1>
        <Point picture="pause">{t("easyRead.start.closed.body")}</Point>
      </EasyRead>
    );
  }
  const summary = Object.entries(errors).map(([field, key]) => ({ href: `#${field}`, text: t(key) }));
  return (
    <EasyRead on>
      <ErrorSummary errors={summary} t={t} />
      <h1 className="heading-xl">{data.title}</h1>
      <p className="lead">{data.intro}</p>
      <Point picture="clock">{t("easyRead.start.minutes", { minutes: data.minutes })}</Point>
      <Point picture="pause">{t("easyRead.start.stop")}</Point>
      {data.inProgress ? (
        <p className="body">
          <a className="button button--secondary" href={continuePath}>
            {t("easyRead.start.continue")}
          </a>
        </p>
      ) : null}
      <h2 className="heading-m">{t("easyRead.start.safe.heading")}</h2>
      <Point picture="lock">{t("easyRead.start.safe.forum")}</Point>
      <Point picture="numbers">{t("easyRead.start.safe.council")}</Point>
      <Point picture="noName">{t("easyRead.start.safe.noNames")}</Point>
      <Point picture="trustedAdult">{t("easyRead.start.safe.help")}</Point>
      <p className="body">
        <a href="/privacy">{t("easyRead.start.privacy")}</a>
      </p>
      <PostForm>
        <input type="hidden" name="idempotency_key" value={data.idempotencyKey} />
        <FormGroup error={BOXES.some((box) => errors[box]) ? "yes" : undefined}>
          <fieldset className="fieldset" aria-describedby="consent-hint">
            <legend className="fieldset__legend fieldset__legend--m">
              <h2 className="fieldset__heading">{t("easyRead.start.consent.heading")}</h2>
            </legend>
            <div className="hint" id="consent-hint">
              {t("easyRead.start.consent.hint")}
            </div>
            <div className="checkboxes">
              {BOXES.map((box) => (
                <Fragment key={box}>
                  <ErrorMessage id={`${box}-error`} text={errors[box] ? t(errors[box]) : undefined} t={t} />
                  <div className="checkboxes__item">
                    <input
                      className="checkboxes__input"
                      id={box}
                      name={box}
                      type="checkbox"
                      value="yes"
                      defaultChecked={values?.[box] ?? false}
                      aria-describedby={errors[box] ? `${box}-error` : undefined}
                    />
                    <label className="label checkboxes__label label--face" htmlFor={box}>
                      <Picture name={BOX_PICTURES[box]} />
                      <span>{t(boxText(box, data.consentWording))}</span>
                    </label>
                  </div>
                </Fragment>
              ))}
            </div>
          </fieldset>
        </FormGroup>
        <Button>{t("easyRead.start.button")}</Button>
      </PostForm>
    </EasyRead>
  );
}
