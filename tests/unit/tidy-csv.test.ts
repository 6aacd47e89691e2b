import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { buildCell, suppressSmallCells, TIDY_CSV_COLUMNS, type KpiCell } from "~/domain/kpi-cells";
import { DEFAULT_KPIS } from "~/domain/kpi-definitions";
import { CSV_BOM } from "~/domain/csv";
import { tidyCsvChunks, tidyCsvLines, toTidyCsv } from "~/domain/tidy-csv";

const K1 = DEFAULT_KPIS.find((k) => k.id === "K1")!;

/** A published K1 cell for 2026-Q1 (unsuppressed with n ≥ 10). */
function cell(overrides: Partial<KpiCell> = {}, n = 10, numerator = 7): KpiCell {
  return {
    ...buildCell({
      time_period: "2026-Q1",
      time_identifier: "quarter",
      survey: "parent-carer-experience",
      segment_type: "district",
      segment_value: "edgbaston",
      kpi: K1,
      target: 75,
      score: { n, numerator, negative: 1 },
    }),
    ...overrides,
  };
}

/** The CSV read back as a spreadsheet would, BOM removed, one object per row. */
function readBack(csv: string): Record<string, string>[] {
  return parse(csv, { bom: true, columns: true, record_delimiter: "\r\n" }) as Record<string, string>[];
}

describe("tidy CSV export", () => {
  it("starts with a UTF-8 byte order mark and a header row of exactly the KPI contract's columns, in order", () => {
    const csv = toTidyCsv([cell()]);
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const header = csv.slice(CSV_BOM.length).split("\r\n")[0];
    expect(header.split(",")).toEqual([...TIDY_CSV_COLUMNS]);
  });

  it("ends every line with CRLF and writes one line per cell", () => {
    const csv = toTidyCsv([cell(), cell({ segment_value: "erdington" })]);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.split("\r\n")).toHaveLength(4); // header, two cells, and the empty string after the last CRLF
    expect(csv.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("writes the figures a reader can recompute: 7 of 10 is 70.0 (39.7–89.2), one decimal place kept", () => {
    const [row] = readBack(toTidyCsv([cell()]));
    expect(row).toMatchObject({
      time_period: "2026-Q1",
      time_identifier: "quarter",
      kpi_id: "K1",
      n: "10",
      numerator: "7",
      percent: "70.0",
      ci_lower: "39.7",
      ci_upper: "89.2",
      percent_negative: "10.0",
      flag: "u",
      target: "75",
      rag: "amber",
    });
  });

  it("leaves suppressed figures blank, with flag c", () => {
    const [suppressed] = suppressSmallCells([cell({}, 6, 3)]);
    const [row] = readBack(toTidyCsv([suppressed]));
    for (const column of ["n", "numerator", "percent", "ci_lower", "ci_upper", "percent_negative", "rag"]) {
      expect(row[column], column).toBe("");
    }
    expect(row.flag).toBe("c");
    expect(row.target).toBe("75");
  });

  it("quotes fields with commas, quotes and line breaks (RFC 4180) so they read back unchanged", () => {
    const name = 'Felt "listened to", mostly\r\nor not';
    const csv = toTidyCsv([cell({ kpi_name: name })]);
    expect(csv).toContain('"Felt ""listened to"", mostly\r\nor not"');
    expect(readBack(csv)[0].kpi_name).toBe(name);
  });

  it.each(['=HYPERLINK("http://x")', "+44 121", "-1+1", "@SUM(A1)", "\tcmd", "\rcmd"])(
    "makes a text field starting with a formula character inert: %j",
    (value) => {
      const [row] = readBack(toTidyCsv([cell({ segment_value: value, kpi_name: value })]));
      expect(row.segment_value).toBe(`'${value}`);
      expect(row.kpi_name).toBe(`'${value}`);
    },
  );

  it("never guards numbers: a negative figure stays a number", () => {
    const [row] = readBack(toTidyCsv([cell({ ci_lower: -1.5, target: -2 })]));
    expect(row.ci_lower).toBe("-1.5");
    expect(row.target).toBe("-2");
  });

  it("keeps Urdu text intact through UTF-8", () => {
    const urdu = "مجموعی تجربہ";
    const bytes = Buffer.from(toTidyCsv([cell({ kpi_name: urdu, segment_value: "ur" })]), "utf8");
    const [row] = readBack(bytes.toString("utf8"));
    expect(row.kpi_name).toBe(urdu);
  });

  it("does not write properties that are not columns (such as the KPI version)", () => {
    const csv = toTidyCsv([{ ...cell(), kpi_version: 3 } as KpiCell]);
    expect(csv).not.toContain("kpi_version");
    expect(readBack(csv)[0]).not.toHaveProperty("kpi_version");
  });

  it("streams the same bytes line by line and chunk by chunk", async () => {
    const cells = [cell(), cell({ segment_value: "erdington" }), cell({ segment_value: "unknown" })];
    const lines = [...tidyCsvLines(cells)];
    expect(lines).toHaveLength(4);
    expect(lines.join("")).toBe(toTidyCsv(cells));
    async function* chunks() {
      yield cells.slice(0, 2);
      yield [];
      yield cells.slice(2);
    }
    let streamed = "";
    for await (const text of tidyCsvChunks(chunks())) streamed += text;
    expect(streamed).toBe(toTidyCsv(cells));
  });

  it("writes only the header for no cells", () => {
    expect(toTidyCsv([])).toBe(`${CSV_BOM}${TIDY_CSV_COLUMNS.join(",")}\r\n`);
  });
});
