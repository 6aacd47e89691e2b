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
import { BackLink } from "~/components/forms";
import { ProblemsTable } from "~/components/import-problems";
import { getDb } from "~/db.server";
import { fileTooBig, IMPORT_META_COLUMNS, type ImportProblem } from "~/domain/import";
import { decodeImportFileInSteps } from "~/domain/import/in-steps";
import { translator } from "~/i18n";
import { listImports, undoImport } from "~/models/import-undo.server";
import { earlierImportOfSameFile, findImportJob, startImportJob, type ImportJob } from "~/models/import-jobs.server";
import { yieldToEventLoop } from "~/models/import-staging.server";
import { getSurveyOverview } from "~/models/surveys.server";
import { getVersionDefinition } from "~/models/published-surveys.server";
import { staffChrome } from "~/auth/staff.server";
import { notFound } from "~/http.server";

/** The biggest file accepted: the import's own limit is 20 MB, and the upload stops at the same size. */
const MAX_UPLOAD_BYTES = 20_000_000;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Import responses: ${data.survey.title}` : "Import responses" },
  // Without JavaScript the page reloads itself every second while the import runs.
  ...(data?.job?.status === "running" ? [{ httpEquiv: "refresh", content: "1" }] : []),
];
export const handle = { wide: true };

async function load(request: Request, surveyId: string | undefined) {
  const staff = await requireRole(request, ["admin"]);
  const db = getDb();
  const survey = surveyId ? await getSurveyOverview(db, staff.forumId, surveyId) : undefined;
  if (!survey) throw notFound();
  return { staff, db, survey };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { staff, db, survey } = await load(request, params.surveyId);
  const jobId = new URL(request.url).searchParams.get("job");
  const job: ImportJob | null = jobId ? ((await findImportJob(db, staff.forumId, survey.id, jobId.slice(0, 64))) ?? null) : null;
  const definition = survey.current ? await getVersionDefinition(db, survey.current.id) : null;
  return {
    ...staffChrome(staff),
    survey: {
      id: survey.id,
      title: survey.title,
      slug: survey.slug,
      versionNo: survey.current?.versionNo ?? null,
      submitted: survey.versions.reduce((sum, v) => sum + v.submitted, 0),
    },
    columns: definition ? [...IMPORT_META_COLUMNS, ...definition.questions.map((q) => q.code)] : [],
    jobAsked: jobId !== null,
    job,
    imports: await listImports(db, staff.forumId, survey.id),
    undone: /^\d{1,9}$/.test(new URL(request.url).searchParams.get("undone") ?? "")
      ? Number(new URL(request.url).searchParams.get("undone"))
      : null,
  };
}

interface ActionData {
  problems: ImportProblem[];
  problemCount: number;
  /** The same file was imported before: uploading it again needs the "different wave" box. */
  sameFile?: boolean;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { staff, db, survey } = await load(request, params.surveyId);
  const refuse = (problems: ImportProblem[], problemCount = problems.length) =>
    json<ActionData>({ problems, problemCount }, { status: 400 });
  if (!survey.current) {
    return refuse([{ row: null, column: null, message: "Publish this survey before importing responses into it." }]);
  }
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return refuse(fileTooBig(MAX_UPLOAD_BYTES).problems);
    return refuse([{ row: null, column: null, message: "The upload could not be read. Choose the CSV file again and send it." }]);
  }
  if (form.get("intent") === "undo") {
    if (form.get("confirm") !== "on") {
      return refuse([
        { row: null, column: "confirm", message: "Tick the box to confirm that the import's responses are deleted for good." },
      ]);
    }
    const job = form.get("job");
    const removed = typeof job === "string" ? await undoImport(db, staff.forumId, survey.id, job.slice(0, 64), staff.user.id) : null;
    if (removed === null)
      return refuse([{ row: null, column: null, message: "That import was already undone, or is not one of this survey's." }]);
    return redirect(`/admin/surveys/${survey.id}/import?undone=${removed}`);
  }
  const file = form.get("file");
  if (!(file instanceof Blob) || file.size === 0) {
    return refuse([{ row: null, column: "file", message: "Choose a CSV file to import." }]);
  }
  // In steps: a large file's decoding would otherwise hold up everyone else's requests.
  const decoded = await decodeImportFileInSteps(new Uint8Array(await file.arrayBuffer()), { pause: yieldToEventLoop }, MAX_UPLOAD_BYTES);
  if (!decoded.ok) return refuse(decoded.problems, decoded.problemCount);
  const differentWave = form.get("different_wave") === "on";
  const earlier = await earlierImportOfSameFile(db, staff.forumId, survey.id, decoded.text);
  if (earlier && !differentWave) {
    const when = new Date(earlier.startedAt).toLocaleDateString("en-GB", {
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone: "Europe/London",
    });
    return json<ActionData>(
      {
        problems: [
          {
            row: null,
            column: "file",
            message: `This file was already imported into this survey on ${when} (${earlier.imported} responses). Its responses are already counted. If it really is a different wave, tick "This is a different wave" and upload it again: any row already imported is still skipped, never counted twice.`,
          },
        ],
        problemCount: 1,
        sameFile: true,
      },
      { status: 400 },
    );
  }
  const jobId = await startImportJob(
    db,
    { forumId: staff.forumId, surveyId: survey.id, csvText: decoded.text, actor: staff.user.id, differentWave: earlier !== null },
    (error) => console.error("A response import failed", error),
  );
  return redirect(`/admin/surveys/${survey.id}/import?job=${encodeURIComponent(jobId)}`);
}

function JobStatus({ job, surveyId }: { job: ImportJob; surveyId: string }) {
  if (job.status === "running") {
    const total = job.total ?? 0;
    return (
      <div className="inset" role="status">
        <h2 className="heading-m">Importing…</h2>
        <label className="label" htmlFor="import-progress">
          {job.counting
            ? `${job.done} of ${job.total} responses stored; updating the board’s figures`
            : job.total === null
              ? "Checking every row of the file"
              : `${job.done} of ${job.total} responses stored`}
        </label>
        <progress
          id="import-progress"
          className="import-progress"
          max={total || undefined}
          value={job.total === null ? undefined : job.done}
        >
          {job.total === null ? "Checking" : `${job.done} of ${job.total}`}
        </progress>
        <p className="body">This page refreshes itself until the import has finished. Nothing is stored unless every row is valid.</p>
      </div>
    );
  }
  if (job.status === "imported") {
    return (
      <div className="notification" role="status" data-testid="import-done">
        <p className="notification__title">
          Imported {job.imported} {job.imported === 1 ? "response" : "responses"}
        </p>
        {job.skipped ? (
          <p className="body" data-testid="import-skipped">
            {job.skipped === 1
              ? "1 row was already imported and was skipped: it is counted once."
              : `${job.skipped} rows were already imported and were skipped: each is counted once.`}
          </p>
        ) : null}
        <label className="label" htmlFor="import-progress">
          {job.done} of {job.total} responses stored
        </label>
        <progress id="import-progress" className="import-progress" max={job.total || 1} value={job.total || 1}>
          {job.done} of {job.total}
        </progress>
        <p className="body">
          They count in the board’s figures from now on. <a href={`/admin/surveys/${surveyId}`}>Back to the survey</a> or{" "}
          <a href="/board">open the board dashboard</a>.
        </p>
      </div>
    );
  }
  if (job.status === "rejected") return <ProblemsTable problems={job.problems} problemCount={job.problemCount} />;
  return (
    <div className="error-summary" role="alert">
      <h2 className="error-summary__title">The import failed: nothing was stored</h2>
      <p className="body">Something went wrong on our side. Try again; if it fails again, tell whoever runs the platform.</p>
    </div>
  );
}

export default function ImportResponses() {
  const data = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const t = translator("en");
  const job = data.job;
  const showForm = !job || job.status !== "running";
  return (
    <>
      <BackLink href={`/admin/surveys/${data.survey.id}`} t={t} />
      <h1 className="heading-l">
        <span className="caption-m">{data.survey.title}</span>
        Import and export responses
      </h1>
      {refused ? <ProblemsTable problems={refused.problems} problemCount={refused.problemCount} /> : null}
      {job ? <JobStatus job={job} surveyId={data.survey.id} /> : null}
      {data.jobAsked && !job ? (
        <div className="notification notification--info" role="status">
          <p className="notification__title">This import is no longer on record</p>
          <p className="body">
            The server may have restarted. An import stores everything or nothing, and one cut off by a restart is finished or removed when
            the server starts again. This survey has {data.survey.submitted} submitted responses.
          </p>
        </div>
      ) : null}

      {showForm ? (
        <section aria-labelledby="import-title">
          <h2 className="heading-m" id="import-title">
            Import responses from a CSV file
          </h2>
          {data.survey.versionNo === null ? (
            <p className="body">Publish this survey first: responses are imported into its published version.</p>
          ) : (
            <>
              <p className="body">
                For earlier waves held in other tools and paper forms typed up after a coffee morning. Responses go into version{" "}
                {data.survey.versionNo} and count in every figure exactly as online responses do.
              </p>
              <ul className="list">
                <li>
                  The first row holds column headings: question codes, and optionally submitted_at, language, respondent_role and mode.
                </li>
                <li>
                  A cell holds an option code or the option’s exact English label; join several choices with “;”; leave a cell empty when a
                  question was not answered.
                </li>
                <li>submitted_at is a date (2026-03-31) or a date and time; without it the response is dated today.</li>
                <li>mode says how each response was given: web, paper, phone or assisted; without it, paper.</li>
                <li>
                  Save the file as “CSV UTF-8”. If any row has a problem, nothing is stored and every problem is listed by row and column.
                </li>
              </ul>
              <details className="details">
                <summary className="details__summary">Column headings this survey accepts</summary>
                <p className="body">
                  <code className="break">{data.columns.join(",")}</code>
                </p>
              </details>
              <form method="post" encType="multipart/form-data" noValidate>
                <div className="form-group">
                  <label className="label" htmlFor="file">
                    CSV file
                  </label>
                  <div className="hint" id="file-hint">
                    Up to 20 MB
                  </div>
                  <input className="file-upload" id="file" name="file" type="file" accept=".csv,text/csv" aria-describedby="file-hint" />
                </div>
                {refused && "sameFile" in refused && refused.sameFile ? (
                  <div className="form-group">
                    <div className="checkboxes">
                      <div className="checkboxes__item">
                        <input className="checkboxes__input" id="different_wave" name="different_wave" type="checkbox" value="on" />
                        <label className="label checkboxes__label" htmlFor="different_wave">
                          This is a different wave: import it although the same file was imported before
                        </label>
                      </div>
                    </div>
                  </div>
                ) : null}
                <button type="submit" className="button">
                  Upload and import
                </button>
              </form>
            </>
          )}
        </section>
      ) : null}

      {data.undone !== null ? (
        <div className="notification" role="status">
          <p className="notification__title">Import undone: {data.undone === 1 ? "1 response" : `${data.undone} responses`} removed.</p>
          <p className="body">Their months are counted again, so every figure leaves them out.</p>
        </div>
      ) : null}
      {data.imports.length > 0 ? (
        <section aria-labelledby="imports-title">
          <h2 className="heading-m" id="imports-title">
            Imports into this survey
          </h2>
          <ul className="list" data-testid="past-imports">
            {data.imports.map((imported) => (
              <li key={imported.jobId}>
                <form method="post" encType="multipart/form-data" noValidate>
                  <input type="hidden" name="intent" value="undo" />
                  <input type="hidden" name="job" value={imported.jobId} />
                  <p className="body">
                    {new Date(imported.startedAt).toLocaleString("en-GB", {
                      dateStyle: "long",
                      timeStyle: "short",
                      timeZone: "Europe/London",
                    })}
                    : {imported.responses === 1 ? "1 response" : `${imported.responses} responses`}
                  </p>
                  <div className="checkboxes__item">
                    <input className="checkboxes__input" type="checkbox" id={`confirm-${imported.jobId}`} name="confirm" value="on" />
                    <label className="label checkboxes__label" htmlFor={`confirm-${imported.jobId}`}>
                      I understand undoing deletes these {imported.responses} responses for good
                    </label>
                  </div>
                  <button type="submit" className="button button--warning">
                    Undo this import
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="export-title">
        <h2 className="heading-m" id="export-title">
          Download the responses
        </h2>
        <p className="body">
          One row per submitted response, numbered in the order they arrived (not their database ids), with every answer as codes. Written
          answers appear only as moderated: approved text, with the redacted copy where names were removed. Contact details are never
          included.
        </p>
        <form method="get" action={`/admin/surveys/${data.survey.id}/responses.csv`}>
          <div className="form-group">
            <div className="checkboxes">
              <div className="checkboxes__item">
                <input
                  className="checkboxes__input"
                  id="originals"
                  name="originals"
                  type="checkbox"
                  value="1"
                  aria-describedby="originals-hint"
                />
                <label className="label checkboxes__label" htmlFor="originals">
                  Include the original free text
                </label>
              </div>
            </div>
            <div className="hint" id="originals-hint">
              Every written answer as the respondent wrote it, including unmoderated and rejected ones. This is recorded in the audit log.
              Only do this when you need to.
            </div>
          </div>
          <button type="submit" className="button button--secondary">
            Download responses (CSV)
          </button>
        </form>
      </section>
    </>
  );
}
