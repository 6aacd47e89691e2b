/**
 * The versions of one KPI as a table: when each was in use and what it counted. Shared by the
 * register (admins) and the board pack; each passes the text it shows for the question and options.
 */

interface KpiVersionRow {
  version: number;
  createdAt: string;
  retiredAt: string | null;
  question: string;
  positive: string;
  negative: string;
  excluded: string;
}

export function KpiVersionHistory({
  kpiId,
  versions,
  tableClassName,
  captionHidden = false,
  excludedHeading,
  day,
}: {
  kpiId: string;
  versions: readonly KpiVersionRow[];
  tableClassName: string;
  captionHidden?: boolean;
  excludedHeading: string;
  day: Intl.DateTimeFormat;
}) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Versions of this KPI">
      <table className={tableClassName}>
        <caption className={captionHidden ? "visually-hidden" : undefined}>Versions of {kpiId}</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">In use</th>
            <th scope="col">Question</th>
            <th scope="col">Positive</th>
            <th scope="col">Negative</th>
            <th scope="col">{excludedHeading}</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version}>
              <th scope="row">
                {v.version}
                {v.retiredAt ? "" : " (current)"}
              </th>
              <td>
                {v.createdAt ? `from ${day.format(new Date(v.createdAt))}` : "standard definition"}
                {v.retiredAt ? ` to ${day.format(new Date(v.retiredAt))}` : ""}
              </td>
              <td>
                <code>{v.question}</code>
              </td>
              <td>{v.positive}</td>
              <td>{v.negative}</td>
              <td>{v.excluded}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
