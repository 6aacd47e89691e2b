import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { randomUUID } from "node:crypto";
import { Fragment } from "react";
import { Button, EasyRead, ErrorMessage, ErrorSummary, FormGroup, PostForm, TextField } from "~/components/forms";
import { hashToken } from "~/codes.server";
import { getDb } from "~/db.server";
import { localise } from "~/domain/survey";
import type { MessageKey } from "~/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { requestLanguage } from "~/respondent/language.server";
import { consentWordingFor, startResponse, type ConsentWording, type StartInput } from "~/models/responses.server";
import { checkSurveyInvitation } from "~/models/survey-invitations.server";
import type { PublishedSurvey } from "~/models/published-surveys.server";
import { translator } from "~/i18n";
import { formatLondonDay } from "~/i18n/dates";
import { fieldErrors, StartFormSchema } from "~/schemas/start";
import { readEasyReadStart } from "~/schemas/easy-read-start";
import { EasyReadStart } from "~/components/easy-read/start";
import {
  contentLanguage,
  currentResponse,
  invitationToken,
  requireSurvey,
  respondentRoleOf,
  responseCookie,
  surveyPath,
} from "~/respondent/survey-session.server";
import { readForm } from "~/http.server";
import { assistedAuthority, assistedBannerFor } from "~/respondent/assisted.server";
import { AssistedBanner } from "~/components/assisted-banner";

/** Parents consent about their child; young people about themselves; professionals about pupils. */
function consentMessage(purpose: (typeof CONSENTS)[number], wording: ConsentWording): MessageKey {
  if (purpose === "special_category" && wording !== "parent") return `start.consent.special_category.${wording}`;
  return `start.consent.${purpose}`;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? data.title : "Survey" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const survey = await requireSurvey(params.publicId);
  const language = contentLanguage(survey, requestLanguage(request));
  const existing = await currentResponse(request, survey);
  await requireInvitationIfNeeded(request, survey, existing?.status === "in_progress");
  const data = {
    forum: { name: survey.forumName, colour: survey.forumColour },
    publicId: survey.publicId,
    easyRead: survey.definition.easyRead === true,
    consentWording: consentWordingFor(survey.audience),
    open: survey.status === "open",
    // Set to open on a later date: the page says when, rather than that it is closed.
    opensAt: survey.opensAt,
    title: localise(survey.definition.title, language),
    intro: localise(survey.definition.intro, language),
    minutes: survey.definition.minutes,
    inProgress: existing?.status === "in_progress",
    submitted: existing?.status === "submitted",
    // A fresh key for each render of the form: its POST is stored once however often it is sent.
    idempotencyKey: randomUUID(),
    assisted: await assistedBannerFor(request, survey),
  };
  return json(data, { status: data.open || data.opensAt ? 200 : 410 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const survey = await requireSurvey(params.publicId);
  if (survey.status !== "open") throw json(null, { status: 410 });
  await requireInvitationIfNeeded(request, survey, false);
  // Entered for someone only while this browser's mark and its member's staff session say so.
  const assisted = await assistedAuthority(request, survey);
  const form = Object.fromEntries(await readForm(request));
  const values = {
    quotes: form.quotes === "yes",
    follow_up: form.follow_up === "yes",
    participate: form.participate === "yes",
    special_category: form.special_category === "yes",
    contact_name: typeof form.contact_name === "string" ? form.contact_name.slice(0, 400) : "",
    contact_detail: typeof form.contact_detail === "string" ? form.contact_detail.slice(0, 400) : "",
  };
  // Easy read surveys start from their own form: the same consents, in fewer and plainer words.
  if (survey.definition.easyRead === true) {
    const easy = readEasyReadStart(form);
    if (!easy.ok) {
      return json(
        { errors: easy.errors, values: { ...easy.values, follow_up: false, contact_name: "", contact_detail: "" } },
        { status: 400 },
      );
    }
    return begin(
      request,
      survey,
      { idempotencyKey: easy.idempotencyKey, consents: easy.consents, contact: null, easyRead: true },
      assisted,
    );
  }
  const parsed = StartFormSchema.safeParse(form);
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error), values }, { status: 400 });
  return begin(
    request,
    survey,
    {
      idempotencyKey: parsed.data.idempotency_key,
      consents: {
        participate: true,
        special_category: true,
        quotes: parsed.data.quotes === "yes",
        follow_up: parsed.data.follow_up === "yes",
      },
      contact: parsed.data.follow_up === "yes" ? { name: parsed.data.contact_name, contact: parsed.data.contact_detail } : null,
      easyRead: false,
    },
    assisted,
  );
}

/** Stores the start (once per form) and goes to the first question. */
async function begin(
  request: Request,
  survey: PublishedSurvey,
  start: Pick<StartInput, "idempotencyKey" | "consents" | "contact" | "easyRead">,
  assisted: Awaited<ReturnType<typeof assistedAuthority>>,
) {
  const language = contentLanguage(survey, requestLanguage(request));
  const invitation = survey.access === "invite_only" ? invitationToken(request) : null;
  const { responseId } = await startResponse(getDb(), {
    forumId: survey.forumId,
    surveyId: survey.id,
    versionId: survey.versionId,
    respondentRole: respondentRoleOf(survey),
    language,
    ...start,
    // The single-use link travels with the response, so it can be sent from another device.
    invitationHash: invitation ? hashToken(invitation) : null,
    mode: assisted?.mode,
  });
  const first = survey.definition.questions[0];
  return redirect(surveyPath(survey.publicId, `q/${first.code}`), {
    headers: { "Set-Cookie": responseCookie(request, survey.publicId, responseId) },
  });
}

/** Invitation-only surveys: without a usable invitation, a clear page instead of the form. */
async function requireInvitationIfNeeded(request: Request, survey: PublishedSurvey, inProgress: boolean) {
  if (survey.access !== "invite_only" || inProgress) return;
  const token = invitationToken(request);
  const state = token ? await checkSurveyInvitation(getDb(), token) : { state: "unknown" as const };
  if (state.state === "usable" && state.publicId === survey.publicId) return;
  const t = translator(requestLanguage(request));
  if (state.state === "spent") throw json({ title: t("invite.spent.title"), body: t("invite.spent.body") }, { status: 410 });
  throw json({ title: t("invite.required.title"), body: t("invite.required.body") }, { status: 403 });
}

const CONSENTS = ["participate", "special_category", "quotes", "follow_up"] as const;

export default function StartPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, language } = useTranslation();
  if (!data.open && data.opensAt) {
    const date = formatLondonDay(data.opensAt, language);
    return (
      <EasyRead on={data.easyRead}>
        <h1 className="heading-l">{t("start.upcoming.title", { date })}</h1>
        <p className="body">{t("start.upcoming.body", { date })}</p>
      </EasyRead>
    );
  }
  if (data.easyRead) {
    const continuePath = surveyPath(data.publicId, "continue");
    return <EasyReadStart data={data} errors={result?.errors ?? {}} values={result?.values} continuePath={continuePath} />;
  }
  if (!data.open) {
    return (
      <EasyRead on={data.easyRead}>
        <AssistedBanner banner={data.assisted} page="consent" />
        <h1 className="heading-l">{t("start.closed.title")}</h1>
        <p className="body">{t("start.closed.body")}</p>
      </EasyRead>
    );
  }
  const errors = result?.errors ?? {};
  const values = result?.values;
  const summary = Object.entries(errors).map(([field, key]) => ({ href: `#${field}`, text: t(key) }));
  return (
    <EasyRead on={data.easyRead}>
      <AssistedBanner banner={data.assisted} page="consent" />
      <ErrorSummary errors={summary} t={t} />
      <h1 className="heading-xl">{data.title}</h1>
      <p className="lead">{data.intro}</p>
      <p className="body">{t("start.minutes", { minutes: data.minutes })}</p>
      {data.inProgress ? (
        <p className="body">
          <a className="button button--secondary" href={surveyPath(data.publicId, "continue")}>
            {t("start.continue")}
          </a>
        </p>
      ) : null}
      <div className="inset">
        <h2 className="heading-m">{t("start.who.heading")}</h2>
        <p className="body">{t("start.who.body")}</p>
        <p className="body">{t("start.who.noNames")}</p>
        <p className="body">
          <a href="/privacy">{t("start.who.privacy")}</a>
        </p>
      </div>
      <PostForm>
        <input type="hidden" name="idempotency_key" value={data.idempotencyKey} />
        <FormGroup error={CONSENTS.some((p) => errors[p]) ? "yes" : undefined}>
          <fieldset className="fieldset" aria-describedby="consent-hint">
            <legend className="fieldset__legend fieldset__legend--m">{t("start.consent.heading")}</legend>
            <div className="hint" id="consent-hint">
              {t("start.consent.hint")}
            </div>
            <div className="checkboxes">
              {CONSENTS.map((purpose) => (
                <Fragment key={purpose}>
                  <ErrorMessage id={`${purpose}-error`} text={errors[purpose] ? t(errors[purpose]) : undefined} t={t} />
                  <div className="checkboxes__item">
                    <input
                      className="checkboxes__input"
                      id={purpose}
                      name={purpose}
                      type="checkbox"
                      value="yes"
                      defaultChecked={values?.[purpose] ?? false}
                      aria-describedby={errors[purpose] ? `${purpose}-error` : undefined}
                    />
                    <label className="label checkboxes__label" htmlFor={purpose}>
                      {t(consentMessage(purpose, data.consentWording))}
                    </label>
                  </div>
                </Fragment>
              ))}
            </div>
          </fieldset>
        </FormGroup>
        <h2 className="heading-s">{t("start.contact.heading")}</h2>
        <TextField
          id="contact_name"
          name="contact_name"
          label={t("start.contact.name")}
          value={values?.contact_name}
          autoComplete="name"
          error={errors.contact_name ? t(errors.contact_name) : undefined}
          t={t}
        />
        <TextField
          id="contact_detail"
          name="contact_detail"
          label={t("start.contact.contact")}
          hint={t("start.contact.hint")}
          value={values?.contact_detail}
          autoComplete="email"
          error={errors.contact_detail ? t(errors.contact_detail) : undefined}
          t={t}
        />
        <Button>{t("start.button")}</Button>
      </PostForm>
    </EasyRead>
  );
}
