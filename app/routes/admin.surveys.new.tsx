import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { audit, requireRole } from "~/auth/session.server";
import { BackLink, Button, ErrorMessage, ErrorSummary, FormGroup, TextField } from "~/components/forms";
import { getDb } from "~/db.server";
import { AUDIENCES, type Audience, type SurveyDefinition } from "~/domain/survey";
import { translator } from "~/i18n";
import { createDraftSurvey } from "~/models/surveys.server";
import { AUDIENCE_NAMES, NewSurveySchema } from "~/schemas/survey-builder";
import { firstErrors } from "~/auth/staff-forms.server";
import { staffChrome } from "~/auth/staff.server";
import { SURVEY_TEMPLATES } from "~/templates";
import { readForm } from "~/http.server";

export const meta: MetaFunction = () => [{ title: "Create a survey" }];
export const handle = { wide: true };

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireRole(request, ["admin"]);
  return {
    ...staffChrome(staff),
    templates: SURVEY_TEMPLATES.map((t) => ({
      slug: t.slug,
      title: t.definition.title.en,
      questions: t.definition.questions.length,
      languages: t.definition.languages.length,
    })),
  };
}

/** A blank survey still needs one question to be a survey: a free-text one to reword or replace. */
function blankDefinition(title: string, audience: Audience): SurveyDefinition {
  return {
    title: { en: title },
    intro: { en: "Tell us about your experience. Your answers help the forum speak up for families." },
    audience,
    minutes: 5,
    languages: ["en"],
    questions: [
      {
        code: "what_would_help",
        type: "text_long",
        role: "free_text",
        title: { en: "What would help your family most?" },
        required: false,
      },
    ],
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireRole(request, ["admin"]);
  const form = Object.fromEntries(await readForm(request));
  const values = {
    start: typeof form.start === "string" ? form.start : "",
    slug: typeof form.slug === "string" ? form.slug.slice(0, 200) : "",
    title: typeof form.title === "string" ? form.title.slice(0, 400) : "",
    audience: typeof form.audience === "string" ? form.audience : "",
  };
  const parsed = NewSurveySchema.safeParse({ ...values, audience: values.audience || undefined });
  if (!parsed.success) return json({ errors: firstErrors(parsed.error), values }, { status: 400 });
  const { start, slug, title, audience } = parsed.data;
  let definition: SurveyDefinition;
  const template = SURVEY_TEMPLATES.find((t) => t.slug === start)?.definition;
  if (start === "blank" || !template) definition = blankDefinition(title, audience ?? "parent_carer");
  else {
    definition = JSON.parse(JSON.stringify(template)) as SurveyDefinition;
    // A new English title leaves the old translations behind: they no longer say the same thing.
    if (title) definition.title = { en: title };
  }
  const created = await createDraftSurvey(getDb(), { forumId: staff.forumId, slug, definition });
  if (!created.ok) {
    return json(
      { errors: { slug: `Another survey in this forum already uses ${slug}. Choose another short name.` }, values },
      { status: 400 },
    );
  }
  await audit(staff, "survey.created", created.id, { slug, start });
  return redirect(`/admin/surveys/${created.id}/edit?created=1`);
}

export default function NewSurvey() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = translator("en");
  const errors: Record<string, string> = result?.errors ?? {};
  const values = result?.values;
  const order = ["start", "slug", "title", "audience"];
  const summary = order.filter((f) => errors[f]).map((f) => ({ href: `#${f}`, text: errors[f] }));
  const start = values?.start ?? "parent-carer-experience";
  return (
    <>
      <BackLink href="/admin/surveys" t={t} />
      <ErrorSummary errors={summary} t={t} />
      <h1 className="heading-l">Create a survey</h1>
      <form method="post" noValidate>
        <FormGroup error={errors.start}>
          <fieldset className="fieldset" aria-describedby="start-hint">
            <legend className="fieldset__legend fieldset__legend--m">How do you want to start?</legend>
            <div className="hint" id="start-hint">
              A template has the questions the board&apos;s KPIs are counted from, in English and Urdu. You can change anything before you
              publish.
            </div>
            <ErrorMessage id="start-error" text={errors.start} t={t} />
            <div className="radios">
              {data.templates.map((template, index) => (
                <div className="radios__item" key={template.slug}>
                  <input
                    className="radios__input"
                    id={index === 0 ? "start" : `start-${template.slug}`}
                    name="start"
                    type="radio"
                    value={template.slug}
                    defaultChecked={start === template.slug}
                  />
                  <label className="label radios__label" htmlFor={index === 0 ? "start" : `start-${template.slug}`}>
                    {template.title} ({template.questions} questions, {template.languages} languages)
                  </label>
                </div>
              ))}
              <div className="radios__item">
                <input
                  className="radios__input"
                  id="start-blank"
                  name="start"
                  type="radio"
                  value="blank"
                  defaultChecked={start === "blank"}
                />
                <label className="label radios__label" htmlFor="start-blank">
                  A blank survey
                </label>
              </div>
            </div>
          </fieldset>
        </FormGroup>
        <TextField
          id="slug"
          name="slug"
          label="Short name"
          hint="Used in this forum's lists and exports, for example parent-survey-2026. Lower-case letters, digits and hyphens."
          value={values?.slug}
          error={errors.slug}
          width="code"
          t={t}
        />
        <TextField
          id="title"
          name="title"
          label="Title in English"
          hint="Needed for a blank survey. For a template, leave it empty to keep the template's title and its translations."
          value={values?.title}
          error={errors.title}
          t={t}
        />
        <FormGroup error={errors.audience}>
          <label className="label" htmlFor="audience">
            Who is a blank survey for?
          </label>
          <ErrorMessage id="audience-error" text={errors.audience} t={t} />
          <select
            className="select"
            id="audience"
            name="audience"
            defaultValue={values?.audience ?? ""}
            aria-describedby={errors.audience ? "audience-error" : undefined}
          >
            <option value="">Choose (blank surveys only)</option>
            {AUDIENCES.map((a) => (
              <option key={a} value={a}>
                {AUDIENCE_NAMES[a]}
              </option>
            ))}
          </select>
        </FormGroup>
        <Button>Create the draft</Button>
      </form>
    </>
  );
}
