import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  json,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireOperator } from "~/auth/session.server";
import { staffChrome } from "~/auth/staff.server";
import { ProblemsTable } from "~/components/import-problems";
import { getDb } from "~/db.server";
import { decodeImportFile, fileTooBig, type ImportProblem } from "~/domain/import";
import { COUNTS_FILE_COLUMNS } from "~/domain/network-counts";
import { COUNTS_FILE_LIMITS } from "~/domain/network-counts-file";
import { londonDate } from "~/domain/periods";
import { importOutsideCounts } from "~/models/network-counts.server";
import { listNetworkMembers } from "~/models/network-members.server";

export const meta: MetaFunction = () => [{ title: "Counts files from other installations" }];
export const handle = { wide: true };

const PAGE = "/admin/network-counts";

/** A count from our own redirect; anything else means the notification is not shown. */
function countParam(params: URLSearchParams, name: string): number | null {
  const value = params.get(name) ?? "";
  return /^\d{1,9}$/.test(value) ? Number(value) : null;
}

/**
 * For installation operators only: a counts file from a forum on an installation of its own, as
 * `npm run network -- import-counts` takes it (the same model). All or nothing: every problem by
 * row and column, and a file naming a forum hosted here is refused whole.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireOperator(request);
  const params = new URL(request.url).searchParams;
  const forums = countParam(params, "forums");
  const rows = countParam(params, "rows");
  const members = await listNetworkMembers(getDb());
  return {
    ...staffChrome(staff),
    imported: forums !== null && rows !== null ? { forums, rows } : null,
    members: members.map((m) => ({
      code: m.code,
      name: m.name,
      hosted: m.forumId !== null,
      state: m.leftAt ? `Left on ${londonDate(m.leftAt)}` : `In since ${londonDate(m.joinedAt)}`,
    })),
  };
}

interface ActionData {
  problems: ImportProblem[];
  problemCount: number;
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireOperator(request);
  const refuse = (problems: ImportProblem[], problemCount = problems.length) =>
    json<ActionData>({ problems, problemCount }, { status: 400 });
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: COUNTS_FILE_LIMITS.maxBytes }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return refuse(fileTooBig(COUNTS_FILE_LIMITS.maxBytes).problems);
    return refuse([{ row: null, column: null, message: "The upload could not be read. Choose the counts file again and send it." }]);
  }
  const file = form.get("file");
  if (!(file instanceof Blob) || file.size === 0)
    return refuse([{ row: null, column: "file", message: "Choose a counts file (CSV) to import." }]);
  const decoded = decodeImportFile(new Uint8Array(await file.arrayBuffer()), COUNTS_FILE_LIMITS.maxBytes);
  if (!decoded.ok) return refuse(decoded.problems, decoded.problemCount);
  const outcome = await importOutsideCounts(getDb(), { csvText: decoded.text, actor: staff.user.id });
  if (!outcome.ok) return refuse(outcome.problems, outcome.problemCount);
  const rows = outcome.forums.reduce((sum, f) => sum + f.rows, 0);
  return redirect(`${PAGE}?forums=${outcome.forums.length}&rows=${rows}`);
}

export default function NetworkCounts() {
  const data = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  return (
    <>
      {refused ? <ProblemsTable problems={refused.problems} problemCount={refused.problemCount} /> : null}
      {data.imported ? (
        <div className="notification" role="status" data-testid="counts-imported">
          <p className="notification__title">
            Imported {data.imported.rows} {data.imported.rows === 1 ? "row" : "rows"} of counts for {data.imported.forums}{" "}
            {data.imported.forums === 1 ? "forum" : "forums"}.
          </p>
          <p className="body">Each forum&apos;s counts for the months the file covers replaced what was held for them.</p>
        </div>
      ) : null}
      <h1 className="heading-l">Counts files from other installations</h1>
      <p className="body">
        Only the people who run this installation see this page. A forum that runs its own installation sends its counts file (from its
        Network page, or <code>npm run network -- export-counts</code>); importing it here brings its counts into the network&apos;s
        figures. A later file from the same forum replaces its counts for the months the file covers.
      </p>
      <ul className="list">
        <li>
          The file is a CSV with the header <code>{COUNTS_FILE_COLUMNS.join(",")}</code>.
        </li>
        <li>
          Everything or nothing is imported: if any row has a problem, every problem is listed by row and column and nothing is stored.
        </li>
        <li>A file that names a forum hosted here is refused: those forums share their counts directly.</li>
      </ul>
      <form method="post" action={PAGE} encType="multipart/form-data" noValidate>
        <div className="form-group">
          <label className="label" htmlFor="file">
            Counts file (CSV)
          </label>
          <input className="file-upload" type="file" id="file" name="file" accept=".csv,text/csv" />
        </div>
        <button type="submit" className="button">
          Import the counts file
        </button>
      </form>

      <h2 className="heading-m">Forums that have joined the network</h2>
      {data.members.length === 0 ? (
        <p className="body" data-testid="no-members">
          No forum has joined the network yet.
        </p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Forums in the network">
          <table className="table" data-testid="network-members">
            <caption>Forums that have joined the network, by code</caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Name</th>
                <th scope="col">Where</th>
                <th scope="col">Membership</th>
              </tr>
            </thead>
            <tbody>
              {data.members.map((m) => (
                <tr key={m.code}>
                  <td>
                    <code>{m.code}</code>
                  </td>
                  <td>{m.name}</td>
                  <td>{m.hosted ? "Hosted here" : "Own installation"}</td>
                  <td>{m.state}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
