import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/session.server";
import { staffChrome } from "~/auth/staff.server";
import { BackLink } from "~/components/forms";
import { getDb } from "~/db.server";
import { languageName } from "~/domain/survey-builder-form";
import { translatedTextCount } from "~/domain/survey-texts";
import { notFound, readForm } from "~/http.server";
import { translator } from "~/i18n";
import { getDraft } from "~/models/surveys.server";
import { removeSurveyLanguage } from "~/models/survey-translations.server";

/**
 * /admin/surveys/:surveyId/remove-language/:language: the confirmation before a language and
 * every text translated into it leave the draft. A page of its own, so it works without
 * JavaScript as the builder's other language controls do.
 */
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Remove ${data.name}?` : "Remove a language" }];

async function load(request: Request, surveyId: string | undefined) {
  const staff = await requireRole(request, ["admin"]);
  const editable = surveyId ? await getDraft(getDb(), staff.forumId, surveyId) : undefined;
  if (!editable) throw notFound();
  return { staff, editable };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { staff, editable } = await load(request, params.surveyId);
  const language = params.language ?? "";
  // English is the source: it cannot be removed, and the page says so rather than pretending it is not there.
  if (language !== "en" && !editable.base.languages.includes(language)) throw notFound();
  const publishedNo = editable.published[0]?.versionNo ?? null;
  return {
    ...staffChrome(staff),
    survey: { id: editable.id, title: editable.base.title.en },
    language,
    name: languageName(language),
    texts: translatedTextCount(editable.base, language),
    draftVersionNo: editable.draft?.versionNo ?? null,
    nextVersionNo: editable.draftVersionNo,
    publishedVersionNo: publishedNo,
    publishedHasIt: editable.published[0]?.definition.languages.includes(language) ?? false,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { staff, editable } = await load(request, params.surveyId);
  await readForm(request);
  const language = params.language ?? "";
  const edit = `/admin/surveys/${editable.id}/edit`;
  if (language === "en") return redirect(`/admin/surveys/${editable.id}/remove-language/en`);
  const result = await removeSurveyLanguage(getDb(), { forumId: staff.forumId, surveyId: editable.id, language, actor: staff.user.id });
  // Already gone (a second press of the button): the builder shows the draft as it is.
  if (!result.ok) return redirect(edit);
  return redirect(`${edit}?${new URLSearchParams({ removed: language, texts: String(result.removed) }).toString()}`);
}

export default function RemoveLanguage() {
  const data = useLoaderData<typeof loader>();
  const t = translator("en");
  const edit = `/admin/surveys/${data.survey.id}/edit`;
  if (data.language === "en") {
    return (
      <>
        <BackLink href={edit} t={t} />
        <h1 className="heading-l">
          <span className="caption-m">{data.survey.title}</span>
          English cannot be removed
        </h1>
        <p className="body">English is the survey’s source: every other language is translated from it.</p>
        <p className="body">
          <a href={edit}>Back to the builder</a>
        </p>
      </>
    );
  }
  const texts = data.texts === 1 ? "1 translated text" : `${data.texts} translated texts`;
  return (
    <>
      <BackLink href={edit} t={t} />
      <h1 className="heading-l">
        <span className="caption-m">{data.survey.title}</span>
        Remove {data.name} from the draft?
      </h1>
      <div className="inset" data-testid="remove-language-warning">
        <p className="body">
          <strong>
            {texts} in {data.name} will go from the draft.
          </strong>{" "}
          To bring them back, they would have to be translated again.
        </p>
      </div>
      <ul className="list">
        <li>
          {data.draftVersionNo
            ? `The draft of version ${data.draftVersionNo} is saved without ${data.name}.`
            : `Version ${data.publishedVersionNo} is published and never changes: this starts version ${data.nextVersionNo} as a draft without ${data.name}.`}{" "}
          Changes in the builder that you have not saved are not kept.
        </li>
        <li>
          {data.publishedHasIt
            ? `Families keep ${data.name} until you publish the draft; from then on the survey is offered without it. Anyone part-way through keeps the version they started.`
            : `The draft can then be published without ${data.name}.`}
        </li>
      </ul>
      <form method="post">
        <div className="button-group">
          <button type="submit" className="button button--warning">
            Yes, remove {data.name}
          </button>
          <a href={edit}>No, keep {data.name}</a>
        </div>
      </form>
    </>
  );
}
