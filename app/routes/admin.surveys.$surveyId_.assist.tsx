import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { audit, requireRole } from "~/auth/session.server";
import { firstErrors } from "~/auth/staff-forms.server";
import { staffChrome } from "~/auth/staff.server";
import { AssistedEntryForm, assistChoices } from "~/components/assisted-entry-form";
import { BackLink, ErrorSummary } from "~/components/forms";
import { getDb } from "~/db.server";
import { notFound, readForm } from "~/http.server";
import { isUiLanguage, translator } from "~/i18n";
import { getSurveyOverview } from "~/models/surveys.server";
import { ENTER_FOR_SOMEONE_ROLES, startAssistedEntry } from "~/respondent/assisted.server";
import { AssistedEntrySchema } from "~/schemas/assisted-entry";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Enter a response for someone: ${data.survey.title}` : "Enter a response for someone" },
];

async function load(request: Request, surveyId: string | undefined) {
  const staff = await requireRole(request, ENTER_FOR_SOMEONE_ROLES);
  const survey = surveyId ? await getSurveyOverview(getDb(), staff.forumId, surveyId) : undefined;
  if (!survey) throw notFound();
  return { staff, survey, choices: assistChoices(survey) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { staff, survey, choices } = await load(request, params.surveyId);
  return {
    ...staffChrome(staff),
    survey: { id: survey.id, title: survey.title },
    choices,
    stopped: new URL(request.url).searchParams.get("stopped") === "1",
  };
}

/**
 * Marks this browser as the member's, entering a response for someone in the mode and language
 * chosen, and opens the survey's own start page. Everything after is the respondent's journey.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const { staff, survey, choices } = await load(request, params.surveyId);
  const form = await readForm(request);
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value.slice(0, 40) : "";
  };
  const values = { mode: text("mode"), language: text("language") };
  if (choices.unavailable) return json({ errors: { assist: choices.unavailable }, values }, { status: 409 });
  const parsed = AssistedEntrySchema.safeParse(values);
  if (!parsed.success) return json({ errors: firstErrors(parsed.error), values }, { status: 400 });
  const { mode, language } = parsed.data;
  if (!isUiLanguage(language) || !choices.languages.some((l) => l.code === language)) {
    return json({ errors: { language: "Choose one of the languages this survey is published in" }, values }, { status: 400 });
  }
  const target = { id: survey.id, forumId: staff.forumId, publicId: survey.publicId };
  const cookies = await startAssistedEntry(request, target, { userId: staff.user.id, mode, language });
  await audit(staff, "response.assisted_entry_started", survey.id, { mode, language });
  const headers = new Headers();
  for (const cookie of cookies) headers.append("Set-Cookie", cookie);
  return redirect(`/s/${survey.publicId}`, { headers });
}

export default function EnterForSomeone() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = translator("en");
  const errors: Record<string, string> = result?.errors ?? {};
  const summary = Object.entries(errors).map(([field, message]) => ({ href: field === "assist" ? "#assist" : `#${field}`, text: message }));
  return (
    <>
      <BackLink href={`/admin/surveys/${data.survey.id}`} t={t} />
      <ErrorSummary errors={summary} t={t} />
      {data.stopped && !result ? (
        <div className="notification" role="status">
          <p className="notification__title">You have stopped entering responses for someone</p>
          <p className="body">That browser is back to being a member of the public&apos;s. Responses you sent are kept.</p>
        </div>
      ) : null}
      <h1 className="heading-l" id="assist">
        <span className="caption-m">{data.survey.title}</span>
        Enter a response for someone
      </h1>
      <p className="body">
        For a paper form, a phone call, or someone you are helping in person. You go through the same pages a parent sees, in their
        language; a banner on each page reminds you that you are entering it for them. The response records how it was given, and the audit
        log records that you entered it (never what it says).
      </p>
      <AssistedEntryForm surveyId={data.survey.id} choices={data.choices} values={result?.values} errors={errors} />
    </>
  );
}
