/**
 * The public methodology page against the register and the fixture tables: every KPI of the
 * contract is explained with the version the forum's register holds now, the worked examples are
 * the published figures of the contract's own example, and the page follows a definition change.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DB } from "~/db.server";
import { saveKpiDefinition } from "~/models/kpi-register.server";
import { startApp, type RunningApp } from "../support/app";

/** The KPI ids of the contract's table "The KPIs", in its order. */
function contractKpiIds(): string[] {
  const text = readFileSync(new URL("../fixtures/kpi-contract.md", import.meta.url), "utf8");
  const section = text.slice(text.indexOf("## The KPIs"));
  return [...section.matchAll(/^\| (K\d+i?) \|/gm)].map((m) => m[1]);
}

function rowOf(html: string, kpi: string): string {
  const start = html.indexOf(`data-kpi="${kpi}"`);
  expect(start, `a row for ${kpi}`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf("</tr>", start));
}

describe("the methodology page", () => {
  let app: RunningApp;
  let db: DB;
  beforeAll(async () => {
    app = await startApp();
    db = openDatabase(app.databaseUrl);
  });
  afterAll(async () => {
    await db?.destroy();
    await app?.stop();
  });

  const page = async (query = "") => {
    const response = await fetch(`${app.url}/methodology${query}`);
    return { status: response.status, html: await response.text() };
  };

  it("explains every KPI of the contract, with its question and version, to anyone", async () => {
    const ids = contractKpiIds();
    expect(ids).toContain("K6i");
    expect(ids.length).toBeGreaterThanOrEqual(14);
    const { status, html } = await page();
    expect(status).toBe(200);
    for (const id of ids) expect(rowOf(html, id)).toMatch(/data-version="1"|1 \(standard\)/);
    expect(rowOf(html, "K2")).toContain("<code>listened_to</code>");
    expect(rowOf(html, "K6i")).toContain("at least 3 of these 4 statements");
  });

  it("shows a new version as soon as the forum changes a definition", async () => {
    const forum = await db.selectFrom("forums").select("id").executeTakeFirstOrThrow();
    await saveKpiDefinition(db, forum.id, {
      id: "K2",
      name: "Felt listened to",
      question: "listened_to",
      positive: ["strongly_agree"],
      negative: ["disagree", "strongly_disagree"],
      excluded: ["not_applicable"],
    });
    const row = rowOf((await page()).html, "K2");
    expect(row).toContain('data-version="2"');
    expect(row).not.toContain("(standard)");
    expect(rowOf((await page()).html, "K1")).toContain('data-version="1"');
  });

  it("works the contract's example, 7 of 10, to the published 70.0% (39.7% to 89.2%)", async () => {
    const { html } = await page();
    const published = html.slice(html.indexOf('data-published="wilson"'));
    expect(published).toMatch(/70\.0%<!-- -->\s*\(<!-- -->39\.7%<!-- -->\s*to\s*<!-- -->89\.2%|70\.0% \(39\.7% to 89\.2%\)/);
  });

  it("shows secondary suppression: the group under 10 and the next smallest are both hidden, the total never", async () => {
    const { html } = await page();
    const flag = (group: string) => html.match(new RegExp(`data-group="${group}" data-flag="([cu]?)"`))?.[1];
    expect(flag("5-10")).toBe("c");
    expect(flag("11-15")).toBe("c");
    expect(flag("0-4")).toBe("");
    expect(flag("16-25")).toBe("");
    expect(flag("all")).toBe("");
  });

  it("refuses a malformed forum and says plainly when a forum does not exist", async () => {
    expect((await page("?forum=%3Cscript%3E")).status).toBe(400);
    expect((await page("?forum=no-such-forum")).status).toBe(404);
  });
});
