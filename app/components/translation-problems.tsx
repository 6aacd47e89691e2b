import type { TranslationProblem, TranslationProblemKind } from "~/domain/translation-report";

/** Each kind of problem as a count in words, in the order a volunteer should fix them. */
const KIND_SUMMARIES: Record<TranslationProblemKind, (n: number) => string> = {
  file: () => "The file itself could not be read",
  header: (n) => (n === 1 ? "1 column heading is wrong" : `${n} column headings are wrong`),
  missing: (n) => (n === 1 ? "1 text of the survey is missing from the file" : `${n} texts of the survey are missing from the file`),
  extra: (n) => (n === 1 ? "1 row has a key the survey does not have" : `${n} rows have a key the survey does not have`),
  changed: (n) =>
    n === 1
      ? "1 row’s English has changed in the survey since the file was made"
      : `${n} rows’ English has changed in the survey since the file was made`,
  empty: (n) => (n === 1 ? "1 translation is empty" : `${n} translations are empty`),
  wrong_language: (n) => (n === 1 ? "1 row is for another language" : `${n} rows are for another language`),
  duplicate: (n) => (n === 1 ? "1 key is given more than once" : `${n} keys are given more than once`),
  too_long: (n) => (n === 1 ? "1 translation is too long" : `${n} translations are too long`),
  formula: (n) => (n === 1 ? "1 cell holds a formula" : `${n} cells hold a formula`),
  no_key: (n) => (n === 1 ? "1 row has no key" : `${n} rows have no key`),
};

export function problemKindSummaries(counts: Partial<Record<TranslationProblemKind, number>>): string[] {
  return (Object.keys(KIND_SUMMARIES) as TranslationProblemKind[])
    .filter((kind) => (counts[kind] ?? 0) > 0)
    .map((kind) => KIND_SUMMARIES[kind](counts[kind] ?? 0));
}

/** Every problem of a refused file, by row and column, as the import page of responses lists them. */
export function TranslationProblems({
  problems,
  problemCount,
  counts,
}: {
  problems: TranslationProblem[];
  problemCount: number;
  counts: Partial<Record<TranslationProblemKind, number>>;
}) {
  return (
    <section aria-labelledby="problems-title" id="problems" tabIndex={-1}>
      <h2 className="heading-m" id="problems-title">
        {problemCount === 1 ? "1 problem in the file" : `${problemCount} problems in the file`}: nothing was stored
      </h2>
      <ul className="list" data-testid="problem-kinds">
        {problemKindSummaries(counts).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p className="body">Fix every problem in the file and upload the whole file again. The survey’s draft has not changed.</p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Problems in the file">
        <table className="table" data-testid="translation-problems">
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
                <td>{p.row ?? (p.kind === "missing" ? "Not in the file" : "Whole file")}</td>
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
    </section>
  );
}
