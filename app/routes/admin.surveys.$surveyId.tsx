import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { audit, requireRole } from "~/auth/session.server";
import { BackLink, Button, ErrorMessage, ErrorSummary, TextField } from "~/components/forms";
import { getDb } from "~/db.server";
import { datesToInstants, displayDates, instantsToDates } from "~/domain/periods";
import { languageName } from "~/domain/survey-builder-form";
import { codeChangeMessage } from "~/domain/survey-diff";
import { translator } from "~/i18n";
import { duplicateSurvey, getSurveyOverview, publishDraft, setSurveyDates, setSurveyStatus } from "~/models/surveys.server";
import { DuplicateSchema, STATUS_TAGS, SurveyDatesSchema } from "~/schemas/survey-builder";
import { firstErrors } from "~/auth/staff-forms.server";
import { staffChrome } from "~/auth/staff.server";
import { notFound, readForm } from "~/http.server";
import type { LanguageProblem } from "~/domain/survey-diff";
import { AssistedEntryForm, assistChoices } from "~/components/assisted-entry-form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.survey.title}: survey` : "Survey" }];
export const handle = { wide: true };

async function load(request: Request, surveyId: string | undefined) {
  const staff = await requireRole(request, ["admin"]);
  const survey = surveyId ? await getSurveyOverview(getDb(), staff.forumId, surveyId) : undefined;
  if (!survey) throw notFound();
  return { staff, survey };
}

const DONE: Record<string, { title: string; body: string }> = {
  published: {
    title: "Published",
    body: "New respondents answer this version; anyone part-way through keeps the version they started.",
  },
  opened: { title: "The survey is open", body: "Families can start and send answers between its dates." },
  closed: { title: "The survey is closed", body: "Nobody can start or send answers until you open it again." },
  dates: { title: "Dates saved", body: "The survey takes responses between these dates while it is open." },
  duplicated: { title: "Copy made", body: "This survey is a copy: a draft with its own link until you publish it." },
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { staff, survey } = await load(request, params.surveyId);
  const url = new URL(request.url);
  const done = url.searchParams.get("done") ?? "";
  return {
    ...staffChrome(staff),
    survey: {
      ...survey,
      versions: survey.versions.map((v) => ({ ...v, languageNames: v.languages.map(languageName) })),
    },
    dates: instantsToDates(survey),
    shownDates: displayDates(survey),
    publicLink: `${url.origin}/s/${survey.publicId}`,
    assist: assistChoices(survey),
    done: DONE[done]
      ? { ...DONE[done], title: done === "published" ? `Version ${url.searchParams.get("version") ?? ""} is published` : DONE[done].title }
      : null,
  };
}

type Problems = Record<string, string>;

function languageProblemMessage(problem: LanguageProblem): string {
  const name = languageName(problem.language);
  if (problem.kind === "not_served") {
    return `${name} cannot be offered: parents can be served in English, Urdu, Punjabi, Bengali, Arabic, Polish, Romanian, Somali and Pashto only. Remove ${name} in the builder.`;
  }
  return `${name}: ${problem.done} of ${problem.total} texts are translated. Translate the rest, or remove ${name} in the builder, before publishing.`;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { staff, survey } = await load(request, params.surveyId);
  const db = getDb();
  const form = Object.fromEntries(await readForm(request));
  const text = (name: string) => (typeof form[name] === "string" ? (form[name] as string).slice(0, 200) : "");
  const fail = (intent: string, errors: Problems, values: Record<string, string> = {}) => json({ intent, errors, values }, { status: 400 });

  switch (form.intent) {
    case "publish": {
      const result = await publishDraft(db, staff.forumId, survey.id);
      if (!result.ok) {
        if (result.reason === "no_draft")
          return fail("publish", { publish: "There is no draft to publish. Edit the survey to start one." });
        if (result.reason === "code_changes") {
          return fail("publish", {
            publish: result.changes.map((c) => `Question ${c.index + 1} (${c.to}): ${codeChangeMessage(c)}`).join(" "),
          });
        }
        if (result.reason === "languages") {
          return fail("publish", { publish: result.problems.map(languageProblemMessage).join(" ") });
        }
        return fail("publish", { publish: `The draft cannot be published: ${result.messages.join("; ")}. Open the builder to fix it.` });
      }
      await audit(staff, "survey.published", survey.id, { version: result.versionNo, opened: result.opened });
      return redirect(`/admin/surveys/${survey.id}?done=published&version=${result.versionNo}`);
    }
    case "open":
    case "close": {
      if (!survey.current) return fail(form.intent, { status: "Publish the survey before you open it." });
      const status = form.intent === "open" ? "open" : "closed";
      await setSurveyStatus(db, staff.forumId, survey.id, status);
      await audit(staff, `survey.${status === "open" ? "opened" : "closed"}`, survey.id);
      return redirect(`/admin/surveys/${survey.id}?done=${status === "open" ? "opened" : "closed"}`);
    }
    case "dates": {
      const values = { opens_on: text("opens_on"), last_day: text("last_day") };
      const parsed = SurveyDatesSchema.safeParse(values);
      if (!parsed.success) return fail("dates", firstErrors(parsed.error), values);
      const instants = datesToInstants(parsed.data);
      await setSurveyDates(db, staff.forumId, survey.id, instants);
      await audit(staff, "survey.dates_changed", survey.id, { opens_at: instants.opensAt, closes_at: instants.closesAt });
      return redirect(`/admin/surveys/${survey.id}?done=dates`);
    }
    case "duplicate": {
      const values = { slug: text("slug") };
      const parsed = DuplicateSchema.safeParse(values);
      if (!parsed.success) return fail("duplicate", firstErrors(parsed.error), values);
      const copy = await duplicateSurvey(db, staff.forumId, survey.id, parsed.data.slug);
      if (!copy.ok) {
        return fail(
          "duplicate",
          { slug: `Another survey in this forum already uses ${parsed.data.slug}. Choose another short name.` },
          values,
        );
      }
      await audit(staff, "survey.duplicated", copy.id, { from: survey.id, slug: parsed.data.slug });
      return redirect(`/admin/surveys/${copy.id}?done=duplicated`);
    }
    default:
      return fail("unknown", { form: "Choose one of the buttons on this page." });
  }
}

const dateTime = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", dateStyle: "medium", timeStyle: "short" });

export default function SurveyOverviewPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = translator("en");
  const { survey } = data;
  const errors: Problems = result?.errors ?? {};
  const values: Record<string, string> = result?.values ?? {};
  const summary = Object.entries(errors).map(([field, text]) => ({ href: `#${field}`, text }));
  const tag = STATUS_TAGS[survey.status];
  const nextVersion = (survey.versions[0]?.versionNo ?? 0) + (survey.draft ? 0 : 1);
  return (
    <>
      <BackLink href="/admin/surveys" t={t} />
      <ErrorSummary errors={summary} t={t} />
      {data.done ? (
        <div className="notification" role="status">
          <p className="notification__title">{data.done.title}</p>
          <p className="body">{data.done.body}</p>
        </div>
      ) : null}
      <h1 className="heading-l">{survey.title}</h1>
      <p className="body">
        <span className={tag.className}>{tag.label}</span> <span className="builder-slug">{survey.slug}</span>
        {survey.access === "invite_only" ? " · by invitation only" : null}
      </p>
      {survey.current ? (
        <p className="body">
          Public link: <a href={data.publicLink}>{data.publicLink}</a>
        </p>
      ) : (
        <p className="body">Not published yet: the public link works once you publish.</p>
      )}
      <ul className="builder-actions builder-actions--wide">
        <li>
          <a href={`/admin/surveys/${survey.id}/edit`}>
            {survey.draft ? `Edit the draft (version ${survey.draft.versionNo})` : `Edit (starts version ${nextVersion})`}
          </a>
        </li>
        <li>
          <a href={`/admin/surveys/${survey.id}/preview`}>Preview as a parent</a>
        </li>
        <li>
          <a href={`/admin/surveys/${survey.id}/translations`}>Translations: send the texts to a translator, import them back</a>
        </li>
        {survey.current ? (
          <li>
            <a href={`/admin/surveys/${survey.id}/share`}>Share: link, QR code and invitations</a>
          </li>
        ) : null}
        {survey.current ? (
          <li>
            <a href={`/admin/surveys/${survey.id}/import`}>Import responses from a spreadsheet (CSV)</a>
          </li>
        ) : null}
      </ul>

      <h2 className="heading-m">Publish</h2>
      {survey.draft ? (
        <form method="post">
          <input type="hidden" name="intent" value="publish" />
          <p className="body" id="publish">
            Version {survey.draft.versionNo} is a draft. Publishing freezes it: it can never be edited again, and editing the survey
            afterwards starts a new draft. Families who have started keep the version they started.
            {survey.storedStatus === "closed" ? " The survey stays closed until you open it." : null}
          </p>
          <ErrorMessage id="publish-error" text={errors.publish} t={t} />
          <Button>Publish version {survey.draft.versionNo}</Button>
        </form>
      ) : (
        <p className="body">
          There is no draft. Editing the survey starts version {nextVersion} as a draft; the published version stays as it is.
        </p>
      )}

      <h2 className="heading-m">Taking responses</h2>
      <form method="post">
        <p className="body" id="status">
          {survey.storedStatus === "open"
            ? "Open: families can start and send answers between the dates below."
            : survey.storedStatus === "closed"
              ? "Closed: nobody can start or send answers."
              : "Not published yet."}
        </p>
        <ErrorMessage id="status-error" text={errors.status} t={t} />
        {survey.storedStatus === "open" ? (
          <Button name="intent" value="close" secondary>
            Close the survey
          </Button>
        ) : (
          <Button name="intent" value="open" secondary>
            Open the survey
          </Button>
        )}
      </form>

      <h2 className="heading-m">Enter a response for someone</h2>
      <p className="body">
        For a paper form, a phone call or someone you are helping in person: you go through the parents&apos; own pages, and the response
        records how it was given.
      </p>
      <AssistedEntryForm surveyId={survey.id} choices={data.assist} />

      <h2 className="heading-m">Dates</h2>
      <p className="body">
        {data.shownDates.opens ? `Opens on ${data.shownDates.opens}. ` : "No opening date. "}
        {data.shownDates.lastDay ? `Last day ${data.shownDates.lastDay}.` : "No closing date."} Leave a date empty for no limit.
      </p>
      <form method="post" noValidate className="builder-row">
        <input type="hidden" name="intent" value="dates" />
        <DateField id="opens_on" label="Opens on" value={values.opens_on ?? data.dates.opens_on} error={errors.opens_on} />
        <DateField id="last_day" label="Last day to answer" value={values.last_day ?? data.dates.last_day} error={errors.last_day} />
        <div className="builder-row__end">
          <Button secondary>Save dates</Button>
        </div>
      </form>

      <h2 className="heading-m">Duplicate</h2>
      <form method="post" noValidate>
        <input type="hidden" name="intent" value="duplicate" />
        <TextField
          id="slug"
          name="slug"
          label="Short name for the copy"
          hint="The copy is a new draft survey with its own link and no responses."
          value={values.slug}
          error={errors.slug}
          width="code"
          t={t}
        />
        <Button secondary>Duplicate this survey</Button>
      </form>

      <h2 className="heading-m">Versions</h2>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Versions">
        <table className="table">
          <caption className="visually-hidden">Versions of {survey.title}</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">State</th>
              <th scope="col" className="num">
                Questions
              </th>
              <th scope="col">Languages</th>
              <th scope="col" className="num">
                Submitted
              </th>
              <th scope="col" className="num">
                In progress
              </th>
            </tr>
          </thead>
          <tbody>
            {survey.versions.map((v) => (
              <tr key={v.id}>
                <td>{v.versionNo}</td>
                <td>
                  {v.publishedAt ? `Published ${dateTime.format(new Date(v.publishedAt))}` : "Draft"}
                  {v.current ? (
                    <>
                      {" "}
                      <span className="tag">Current</span>
                    </>
                  ) : null}
                </td>
                <td className="num">{v.questions}</td>
                <td>{v.languageNames.join(", ")}</td>
                <td className="num">{v.submitted}</td>
                <td className="num">{v.inProgress}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function DateField({ id, label, value, error }: { id: string; label: string; value: string; error?: string }) {
  return (
    <div className={`form-group${error ? " form-group--error" : ""}`}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      <ErrorMessage id={`${id}-error`} text={error} t={translator("en")} />
      <input
        className="input builder-date"
        id={id}
        name={id}
        type="date"
        defaultValue={value}
        aria-describedby={error ? `${id}-error` : undefined}
      />
    </div>
  );
}
