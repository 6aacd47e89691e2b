/**
 * A refused file's problems, by row and column: the response import's and the counts file's
 * alike, so a volunteer fixes both kinds of file the same way.
 */
import type { ImportProblem } from "~/domain/import";

export function ProblemsTable({ problems, problemCount }: { problems: ImportProblem[]; problemCount: number }) {
  return (
    <>
      <div className="error-summary" role="alert" aria-labelledby="problems-title" tabIndex={-1}>
        <h2 className="error-summary__title" id="problems-title">
          The file was not imported: nothing was stored
        </h2>
        <p className="body">
          {problemCount === 1 ? "There is 1 problem" : `There are ${problemCount} problems`} to fix in the file. Fix{" "}
          {problemCount === 1 ? "it" : "them"} and upload the whole file again.
        </p>
      </div>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Problems in the file">
        <table className="table" data-testid="import-problems">
          <caption>Problems by row and column</caption>
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Column</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((p, i) => (
              <tr key={i}>
                <td>{p.row ?? "Whole file"}</td>
                <td>{p.column ? <code>{p.column}</code> : "–"}</td>
                <td>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {problemCount > problems.length ? (
        <p className="body">
          The first {problems.length} problems are listed; {problemCount - problems.length} more were found.
        </p>
      ) : null}
    </>
  );
}
