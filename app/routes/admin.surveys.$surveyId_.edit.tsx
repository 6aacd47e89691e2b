import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { BackLink } from "~/components/forms";
import { Builder } from "~/components/survey-builder/builder";
import { JsonEditor } from "~/components/survey-builder/json-editor";
import type { ErrorItem } from "~/components/survey-builder/shared";
import { audit, requireRole } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { languageName } from "~/domain/survey-builder-form";
import { definitionToForm } from "~/domain/survey-builder-mapping";
import { applyBuilderStep, parseBuilderStep } from "~/domain/survey-builder-steps";
import { codeChangeMessage } from "~/domain/survey-diff";
import { translator } from "~/i18n";
import { getDraft, saveDraft } from "~/models/surveys.server";
import { BuilderFormSchema, formFieldsToObject, SurveyBuilderSchema } from "~/schemas/survey-builder";
import { SurveyDefinitionSchema } from "~/schemas/survey-definition";
import { staffChrome } from "~/auth/staff.server";
import { notFound, readForm } from "~/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Edit ${data.title}` : "Edit survey" }];
export const handle = { hydrate: true, wide: true };

async function load(request: Request, surveyId: string | undefined) {
  const staff = await requireRole(request, ["admin"]);
  const editable = surveyId ? await getDraft(getDb(), staff.forumId, surveyId) : undefined;
  if (!editable) throw notFound();
  return { staff, editable };
}

/** A short fingerprint of the stored draft: the builder starts afresh when it changes. */
function fingerprint(text: string): string {
  let hash = 5381;
  for (let i = 0; i < text.length; i++) hash = ((hash * 33) ^ text.charCodeAt(i)) >>> 0;
  return hash.toString(36);
}

/** After a language was removed (remove-language page): which, and how many texts went with it. */
function removedNotice(url: URL, languages: string[]): { name: string; texts: number } | null {
  const language = url.searchParams.get("removed") ?? "";
  const texts = Number(url.searchParams.get("texts"));
  if (!/^[a-z]{2,3}$/.test(language) || languages.includes(language) || !Number.isInteger(texts) || texts < 0) return null;
  return { name: languageName(language), texts };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { staff, editable } = await load(request, params.surveyId);
  const url = new URL(request.url);
  const publishedCodes = [...new Set(editable.published.flatMap((p) => p.definition.questions.map((q) => q.code)))];
  const form = definitionToForm(editable.base, publishedCodes);
  const translations = form.languages.filter((l) => l !== "en");
  const asked = url.searchParams.get("lang") ?? "";
  const definitionJson = JSON.stringify(editable.base, null, 2);
  return {
    ...staffChrome(staff),
    survey: { id: editable.id, slug: editable.slug, status: editable.status },
    title: editable.base.title.en,
    draftVersionNo: editable.draft?.versionNo ?? null,
    nextVersionNo: editable.draftVersionNo,
    publishedVersionNo: editable.published[0]?.versionNo ?? null,
    form,
    formKey: `${editable.draft?.versionId ?? "published"}-${fingerprint(definitionJson)}`,
    json: definitionJson,
    chosen: translations.includes(asked) ? asked : (translations[0] ?? ""),
    saved: url.searchParams.get("saved") === "1",
    removed: removedNotice(url, editable.base.languages),
    created: url.searchParams.get("created") === "1",
  };
}

function issueItems(issues: readonly { path: readonly PropertyKey[]; message: string }[]): ErrorItem[] {
  return issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { staff, editable } = await load(request, params.surveyId);
  const db = getDb();
  const body = await readForm(request);
  const intent = String(body.get("intent") ?? "save");
  const back = (chosen: string, extra = "") =>
    `/admin/surveys/${editable.id}/edit?saved=1${chosen ? `&lang=${encodeURIComponent(chosen)}` : ""}${extra}`;

  if (intent === "save_json") {
    const text = String(body.get("definition_json") ?? "").slice(0, 2_000_000);
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : "it could not be read";
      return json(
        { kind: "json" as const, json: text, errors: [{ path: "", message: `This is not valid JSON: ${reason}` }] },
        { status: 400 },
      );
    }
    const parsed = SurveyDefinitionSchema.safeParse(raw);
    if (!parsed.success) return json({ kind: "json" as const, json: text, errors: issueItems(parsed.error.issues) }, { status: 400 });
    const saved = await saveDraft(db, staff.forumId, editable.id, parsed.data);
    if (!saved.ok) {
      const errors = saved.changes.map((c) => ({ path: `questions.${c.index}.code`, message: codeChangeMessage(c) }));
      return json({ kind: "json" as const, json: text, errors }, { status: 400 });
    }
    await audit(staff, "survey.draft_saved", editable.id, { version: saved.versionNo, from: "json" });
    return redirect(back(""));
  }

  const chosen = String(body.get("chosen_language") ?? "");
  const raw = formFieldsToObject(body.entries(), ["intent", "chosen_language", "new_language", "definition_json"]);
  const shape = BuilderFormSchema.safeParse(raw);
  if (!shape.success) {
    // Not something this page sends: start again from what is stored.
    const values = definitionToForm(
      editable.base,
      editable.published.flatMap((p) => p.definition.questions.map((q) => q.code)),
    );
    return json({ kind: "builder" as const, values, chosen, errors: issueItems(shape.error.issues) }, { status: 400 });
  }
  const form = shape.data;

  if (intent === "show_language") return json({ kind: "builder" as const, values: form, chosen, errors: [] as ErrorItem[] });
  if (intent !== "save") {
    // The builder's buttons, for a browser without JavaScript: change the form, store nothing.
    const step = parseBuilderStep(intent, String(body.get("new_language") ?? ""));
    if (!step)
      return json(
        { kind: "builder" as const, values: form, chosen, errors: [{ path: "intent", message: "Use one of the buttons on the page" }] },
        { status: 400 },
      );
    const applied = applyBuilderStep(form, step);
    const errors = applied.problem ? issueItems([applied.problem]) : [];
    const shown = step.kind === "add_language" && !applied.problem ? step.language : chosen;
    return json({ kind: "builder" as const, values: applied.form, chosen: shown, errors }, { status: applied.problem ? 400 : 200 });
  }

  const checked = SurveyBuilderSchema.safeParse(raw);
  if (!checked.success)
    return json({ kind: "builder" as const, values: form, chosen, errors: issueItems(checked.error.issues) }, { status: 400 });
  const saved = await saveDraft(db, staff.forumId, editable.id, checked.data, { origins: form.questions.map((q) => q.origin) });
  if (!saved.ok) {
    const errors = saved.changes.map((c) => ({ path: `questions.${c.index}.code`, message: codeChangeMessage(c) }));
    return json({ kind: "builder" as const, values: form, chosen, errors }, { status: 400 });
  }
  await audit(staff, "survey.draft_saved", editable.id, { version: saved.versionNo, from: "builder" });
  return redirect(back(chosen));
}

// ---------------------------------------------------------------------------------------------
// The page

const NO_ERRORS: ErrorItem[] = [];

export default function EditSurvey() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = translator("en");
  const builderResult = result?.kind === "builder" ? result : undefined;
  const jsonResult = result?.kind === "json" ? result : undefined;
  const versionText = data.draftVersionNo
    ? `You are editing the draft of version ${data.draftVersionNo}.`
    : `Version ${data.publishedVersionNo} is published and never changes. Saving here starts version ${data.nextVersionNo} as a draft; families keep answering version ${data.publishedVersionNo} until you publish it.`;
  return (
    <>
      <BackLink href={`/admin/surveys/${data.survey.id}`} t={t} />
      {data.saved || data.created ? (
        <div className="notification" role="status">
          <p className="notification__title">{data.created ? "Draft created" : `Draft saved as version ${data.draftVersionNo}`}</p>
          <p className="body">
            <a href={`/admin/surveys/${data.survey.id}/preview`}>Preview it as a parent</a> or{" "}
            <a href={`/admin/surveys/${data.survey.id}`}>publish it from the survey page</a>.
          </p>
        </div>
      ) : null}
      {data.removed ? (
        <div className="notification" role="status" data-testid="language-removed">
          <p className="notification__title">
            {data.removed.name} removed from the draft of version {data.draftVersionNo}
          </p>
          <p className="body">
            {data.removed.texts === 1 ? "1 translated text went" : `${data.removed.texts} translated texts went`} with it. The draft can be
            published without {data.removed.name}.
          </p>
        </div>
      ) : null}
      <h1 className="heading-l">
        <span className="caption-m">Survey builder · {data.survey.slug}</span>
        {data.title}
      </h1>
      <p className="body" data-testid="version-text">
        {versionText}
      </p>
      <Builder
        key={data.formKey}
        initial={builderResult?.values ?? data.form}
        initialChosen={builderResult?.chosen ?? data.chosen}
        serverErrors={builderResult?.errors ?? NO_ERRORS}
        previewHref={`/admin/surveys/${data.survey.id}/preview`}
        languageLinks={{
          saved: data.form.languages,
          removeHref: (language) => `/admin/surveys/${data.survey.id}/remove-language/${language}`,
          translationsHref: `/admin/surveys/${data.survey.id}/translations`,
        }}
      />
      <JsonEditor json={jsonResult?.json ?? data.json} errors={jsonResult?.errors ?? NO_ERRORS} />
    </>
  );
}
