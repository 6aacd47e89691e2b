import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  json,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/session.server";
import { staffChrome } from "~/auth/staff.server";
import { BackLink, ErrorMessage, ErrorSummary } from "~/components/forms";
import { TranslationProblems } from "~/components/translation-problems";
import { getDb } from "~/db.server";
import { languageName } from "~/domain/survey-builder-form";
import { readTranslationCsv, translationFileKind, type SheetRow } from "~/domain/translation-file";
import { fileRefused, type TranslationProblem, type TranslationProblemKind } from "~/domain/translation-report";
import { notFound } from "~/http.server";
import { translator } from "~/i18n";
import { importTranslations, surveyTextsSource, translationProgress } from "~/models/survey-translations.server";
import { readTranslationWorkbook } from "~/models/translation-workbook.server";
import { TRANSLATABLE_LANGUAGES, TranslationLanguageSchema } from "~/schemas/translations";
import { TRANSLATIONS_FILE_LIMIT_BYTES } from "~/security/request-guard";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Translations: ${data.survey.title}` : "Translations" }];
export const handle = { wide: true };

async function load(request: Request, surveyId: string | undefined) {
  const staff = await requireRole(request, ["admin"]);
  const db = getDb();
  const source = surveyId ? await surveyTextsSource(db, staff.forumId, surveyId) : undefined;
  if (!source || !surveyId) throw notFound();
  return { staff, db, surveyId, source };
}

function parseDone(url: URL) {
  if (url.searchParams.get("done") !== "imported") return null;
  const language = TranslationLanguageSchema.safeParse({ language: url.searchParams.get("language") ?? "" });
  const changed = Number(url.searchParams.get("changed"));
  if (!language.success || !Number.isInteger(changed) || changed < 0) return null;
  return {
    language: languageName(language.data.language),
    changed,
    version: url.searchParams.get("version") ?? "",
    added: url.searchParams.get("added") === "1",
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { staff, db, surveyId, source } = await load(request, params.surveyId);
  const progress = (await translationProgress(db, staff.forumId, surveyId)) ?? [];
  const url = new URL(request.url);
  const asked = url.searchParams.get("language") ?? "";
  const offered = progress.map((p) => p.language).filter((l) => (TRANSLATABLE_LANGUAGES as readonly string[]).includes(l));
  return {
    ...staffChrome(staff),
    survey: { id: surveyId, title: source.definition.title.en, slug: source.slug },
    versionNo: source.versionNo,
    draft: source.draft,
    progress: progress.map((p) => ({ ...p, name: languageName(p.language) })),
    languages: TRANSLATABLE_LANGUAGES.map((code) => ({ code, name: languageName(code), offered: offered.includes(code) })),
    chosen: (TRANSLATABLE_LANGUAGES as readonly string[]).includes(asked) ? asked : (offered[0] ?? "ur"),
    done: parseDone(url),
  };
}

interface ActionData {
  chosen: string;
  fields: { language?: string; file?: string };
  problems: TranslationProblem[];
  problemCount: number;
  counts: Partial<Record<TranslationProblemKind, number>>;
}

const MEGABYTES = Math.round(TRANSLATIONS_FILE_LIMIT_BYTES / (1024 * 1024));

export async function action({ request, params }: ActionFunctionArgs) {
  const { staff, db, surveyId } = await load(request, params.surveyId);
  const refuse = (data: Partial<ActionData>) =>
    json<ActionData>({ chosen: "", fields: {}, problems: [], problemCount: 0, counts: {}, ...data }, { status: 400 });
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: TRANSLATIONS_FILE_LIMIT_BYTES }),
    );
  } catch (error) {
    const message =
      error instanceof MaxPartSizeExceededError
        ? `The file is larger than ${MEGABYTES} MB: a survey’s texts are far smaller. Upload the file you downloaded from this page.`
        : "The upload could not be read. Choose the file again and send it.";
    return refuse({ fields: { file: message } });
  }
  const chosen = typeof form.get("language") === "string" ? String(form.get("language")).slice(0, 10) : "";
  const language = TranslationLanguageSchema.safeParse({ language: chosen });
  const file = form.get("file");
  const fields: ActionData["fields"] = {};
  if (!language.success) fields.language = language.error.issues[0].message;
  if (!(file instanceof Blob) || file.size === 0) fields.file = "Choose the CSV or XLSX file with the translations";
  if (!language.success || !(file instanceof Blob) || file.size === 0) return refuse({ chosen, fields });

  const bytes = new Uint8Array(await file.arrayBuffer());
  const kind = translationFileKind("name" in file && typeof file.name === "string" ? file.name : "", bytes);
  let read: { ok: true; rows: SheetRow[] } | { ok: false; message: string };
  if (!kind.ok) read = kind;
  else read = kind.kind === "xlsx" ? await readTranslationWorkbook(bytes) : readTranslationCsv(bytes);
  const result = read.ok
    ? await importTranslations(db, {
        forumId: staff.forumId,
        surveyId,
        language: language.data.language,
        sheet: read.rows,
        actor: staff.user.id,
        format: kind.ok ? kind.kind : "csv",
      })
    : fileRefused(read.message);
  if (!result.ok) {
    const fileProblem = result.problems.find((p) => p.kind === "file");
    return refuse({
      chosen,
      fields: fileProblem ? { file: fileProblem.message } : {},
      problems: result.problems,
      problemCount: result.problemCount,
      counts: result.counts,
    });
  }
  const done = new URLSearchParams({
    done: "imported",
    language: language.data.language,
    changed: String(result.changed),
    version: String(result.versionNo),
    added: result.added ? "1" : "0",
  });
  return redirect(`/admin/surveys/${surveyId}/translations?${done.toString()}`);
}

export default function Translations() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = translator("en");
  const fields = result?.fields ?? {};
  const chosen = result?.chosen || data.chosen;
  const summary = [
    ...(fields.language ? [{ href: "#language", text: fields.language }] : []),
    ...(fields.file ? [{ href: "#file", text: fields.file }] : []),
    ...(result && result.problemCount > 0 && !fields.file
      ? [
          {
            href: "#problems",
            text: `The file has ${result.problemCount === 1 ? "1 problem" : `${result.problemCount} problems`}: nothing was stored`,
          },
        ]
      : []),
  ];
  const surveyPath = `/admin/surveys/${data.survey.id}`;
  const source = data.draft
    ? `the draft of version ${data.versionNo}`
    : `version ${data.versionNo}, the published version (an import starts version ${data.versionNo + 1} as a draft)`;
  return (
    <>
      <BackLink href={surveyPath} t={t} />
      <ErrorSummary errors={summary} t={t} />
      {data.done ? (
        <div className="notification" role="status" data-testid="translations-imported">
          <p className="notification__title">
            {data.done.changed === 0
              ? `${data.done.language}: nothing changed`
              : `${data.done.language}: ${data.done.changed === 1 ? "1 text" : `${data.done.changed} texts`} changed in the draft of version ${data.done.version}`}
          </p>
          <p className="body">
            {data.done.changed === 0
              ? "The survey already had every translation in the file, so nothing was stored."
              : `${data.done.added ? `${data.done.language} is now one of the survey’s languages. ` : ""}Families see the translation once you publish the draft.`}{" "}
            <a href={`${surveyPath}/preview`}>Preview the draft</a> or <a href={surveyPath}>publish it from the survey page</a>.
          </p>
        </div>
      ) : null}
      <h1 className="heading-l">
        <span className="caption-m">{data.survey.title}</span>
        Translations
      </h1>
      <p className="body">
        For translators who work outside this site: send them the survey’s texts as a spreadsheet, and import what they send back. The texts
        are those of {source}.
      </p>
      {data.progress.length > 0 ? (
        <ul className="builder-completeness">
          {data.progress.map((p) => (
            <li key={p.language}>
              <span className={p.done === p.total ? "tag" : "tag tag--amber"}>
                {p.name}: {p.done} of {p.total} texts
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="body">The survey is in English only so far: importing a translation adds its language.</p>
      )}

      <section aria-labelledby="export-title">
        <h2 className="heading-m" id="export-title">
          Send the texts to a translator
        </h2>
        <ul className="list">
          <li>One row per text, with the columns key, english, language and translation.</li>
          <li>Texts already translated come filled in, for the translator to check.</li>
          <li>The translator fills in the translation column only, and leaves key, english and language as they are.</li>
        </ul>
        <form method="get" action={`${surveyPath}/texts.csv`}>
          <div className="form-group">
            <label className="label" htmlFor="export-language">
              Language to translate into
            </label>
            <LanguageSelect id="export-language" languages={data.languages} chosen={chosen} />
          </div>
          <div className="button-group">
            <button type="submit" className="button button--secondary">
              Download CSV
            </button>
            <button type="submit" className="button button--secondary" formAction={`${surveyPath}/texts.xlsx`}>
              Download XLSX
            </button>
          </div>
        </form>
      </section>

      <section aria-labelledby="import-title">
        <h2 className="heading-m" id="import-title">
          Import a translation
        </h2>
        <p className="body">
          The file is checked against the survey as it is now. If anything is wrong (a text missing, a row for another language, English
          that has changed since the file was made, an empty translation), nothing is stored and every problem is listed by row and column.
          Otherwise the translations go into the survey’s draft, to be published from the survey page.
        </p>
        <form method="post" encType="multipart/form-data" noValidate>
          <div className={`form-group${fields.language ? " form-group--error" : ""}`}>
            <label className="label" htmlFor="language">
              Language of the translation
            </label>
            <ErrorMessage id="language-error" text={fields.language} t={t} />
            <LanguageSelect
              id="language"
              name="language"
              languages={data.languages}
              chosen={chosen}
              describedBy={fields.language ? "language-error" : undefined}
            />
          </div>
          <div className={`form-group${fields.file ? " form-group--error" : ""}`}>
            <label className="label" htmlFor="file">
              File with the translations
            </label>
            <div className="hint" id="file-hint">
              The CSV or XLSX file you downloaded here, with the translation column filled in. Up to {MEGABYTES} MB.
            </div>
            <ErrorMessage id="file-error" text={fields.file} t={t} />
            <input
              className="file-upload"
              id="file"
              name="file"
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-describedby={fields.file ? "file-hint file-error" : "file-hint"}
            />
          </div>
          <button type="submit" className="button">
            Check and import
          </button>
        </form>
      </section>
      {result && result.problemCount > 0 ? (
        <TranslationProblems problems={result.problems} problemCount={result.problemCount} counts={result.counts} />
      ) : null}
    </>
  );
}

function LanguageSelect({
  id,
  name = "language",
  languages,
  chosen,
  describedBy,
}: {
  id: string;
  name?: string;
  languages: { code: string; name: string; offered: boolean }[];
  chosen: string;
  describedBy?: string;
}) {
  return (
    <select className="select" id={id} name={name} defaultValue={chosen} aria-describedby={describedBy}>
      {languages.map((l) => (
        <option key={l.code} value={l.code}>
          {l.name} ({l.code}){l.offered ? "" : ", not yet one of the survey’s languages"}
        </option>
      ))}
    </select>
  );
}
