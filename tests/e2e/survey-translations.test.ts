/**
 * Translations outside the platform, in a desktop browser: the demo admin downloads the parents'
 * survey's texts, uploads a file with problems (every problem listed, the language chosen kept,
 * nothing stored), then a good one; and removes a language from the draft, with JavaScript off,
 * after a confirmation that says how many translated texts will go. Every page is checked with axe.
 */
import fs from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { openDatabase } from "~/db.server";
import { csvRow } from "~/domain/csv";
import { translatedTextCount } from "~/domain/survey-texts";
import type { SurveyDefinition } from "~/domain/survey";
import { startApp, type RunningApp } from "../support/app";
import { chromiumPath, expectAccessible, launchBrowser, pageLoaded, signIn } from "../support/browser";

async function surveyIdOf(app: RunningApp, slug: string): Promise<string> {
  const db = openDatabase(app.databaseUrl);
  try {
    return (await db.selectFrom("surveys").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
  } finally {
    await db.destroy();
  }
}

async function draftDefinition(app: RunningApp, surveyId: string): Promise<SurveyDefinition | null> {
  const db = openDatabase(app.databaseUrl);
  try {
    const row = await db
      .selectFrom("survey_versions")
      .select("definition")
      .where("survey_id", "=", surveyId)
      .where("published_at", "is", null)
      .executeTakeFirst();
    return row ? (JSON.parse(row.definition) as SurveyDefinition) : null;
  } finally {
    await db.destroy();
  }
}

/** What the builder shows: the draft, or the newest version when there is none. */
async function newestDefinition(app: RunningApp, surveyId: string): Promise<SurveyDefinition> {
  const db = openDatabase(app.databaseUrl);
  try {
    const row = await db
      .selectFrom("survey_versions")
      .select("definition")
      .where("survey_id", "=", surveyId)
      .orderBy("version_no", "desc")
      .executeTakeFirstOrThrow();
    return JSON.parse(row.definition) as SurveyDefinition;
  } finally {
    await db.destroy();
  }
}

/** A CSV from rows, as a spreadsheet saves "CSV UTF-8". */
function csvFile(rows: string[][]): Buffer {
  return Buffer.from(`\uFEFF${rows.map((r) => csvRow(r)).join("\r\n")}\r\n`, "utf8");
}

async function laptopContext(browser: Browser, javaScript = true): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "en-GB", javaScriptEnabled: javaScript });
  return { context, page: await context.newPage() };
}

describe.skipIf(!chromiumPath)("translations outside the platform", () => {
  let app: RunningApp;
  let browser: Browser;
  let surveyId = "";
  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
    surveyId = await surveyIdOf(app, "parent-carer-experience");
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("downloads the texts, reports every problem in a file and stores nothing, then imports a good one", { timeout: 180_000 }, async () => {
    const { context, page } = await laptopContext(browser);
    await signIn(page, app, "admin@example.org");
    await page.goto(`${app.url}/admin/surveys/${surveyId}`);
    await page.getByRole("link", { name: "Translations: send the texts to a translator, import them back" }).click();
    await page.waitForURL(/\/translations$/);
    expect(await page.locator("h1").textContent()).toContain("Translations");
    await expectAccessible(page);

    await page.locator("#export-language").selectOption("pl");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download CSV" }).click()]);
    expect(download.suggestedFilename()).toBe("parent-carer-experience-v1-texts-pl.csv");
    const exported = parse(fs.readFileSync((await download.path())!, "utf8"), { bom: true }) as string[][];
    expect(exported[0]).toEqual(["key", "english", "language", "translation"]);
    expect(exported[1].slice(0, 3)).toEqual(["survey.title", "Parent carer experience survey", "pl"]);
    // The demo survey is already in Polish: the translations come filled in, to check.
    expect(exported.slice(1).every((row) => row[3] !== "")).toBe(true);

    // A file with problems: an empty translation, a row for another language, a text left out.
    const broken = exported.map((row) => [...row]);
    broken[2][3] = "";
    broken[3][2] = "ro";
    broken.splice(4, 1);
    await page.locator("#language").selectOption("pl");
    await page.locator("#file").setInputFiles({ name: "texts-pl.csv", mimeType: "text/csv", buffer: csvFile(broken) });
    await page.getByRole("button", { name: "Check and import" }).click();
    await expect.poll(() => page.locator(".error-summary").count()).toBe(1);
    await pageLoaded(page);
    expect(await page.locator(".error-summary").textContent()).toContain("The file has 3 problems: nothing was stored");
    const problems = await page.getByTestId("translation-problems").locator("tbody tr").allTextContents();
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^3translationThe translation of .* is empty\.$/);
    expect(problems[1]).toMatch(/^4languageThis row is for “ro”, but the file is being imported as Polish \(pl\)\.$/);
    expect(problems[2]).toMatch(/^Not in the filekey.* is in the survey but not in the file/);
    expect(await page.getByTestId("problem-kinds").textContent()).toContain("1 text of the survey is missing from the file");
    // What was chosen is kept.
    expect(await page.locator("#language").inputValue()).toBe("pl");
    await expectAccessible(page);
    expect(await draftDefinition(app, surveyId)).toBeNull();

    // A file of another kind is refused by name, at the file field.
    await page.locator("#file").setInputFiles({ name: "texts.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.7") });
    await page.getByRole("button", { name: "Check and import" }).click();
    await expect.poll(async () => page.locator("#file-error").textContent()).toContain("A .pdf file cannot be read here");
    await pageLoaded(page);
    await expectAccessible(page);

    // The translator's corrected file: one translation reworded.
    const good = exported.map((row) => [...row]);
    good[1][3] = "Ankieta dla rodziców i opiekunów";
    await page.locator("#language").selectOption("pl");
    await page.locator("#file").setInputFiles({ name: "texts-pl.csv", mimeType: "text/csv", buffer: csvFile(good) });
    await page.getByRole("button", { name: "Check and import" }).click();
    await page.waitForURL(/done=imported/);
    expect(await page.getByTestId("translations-imported").textContent()).toContain("Polish: 1 text changed in the draft of version 2");
    await expectAccessible(page);
    expect((await draftDefinition(app, surveyId))!.title.pl).toBe("Ankieta dla rodziców i opiekunów");
    await context.close();
  });

  it("removes a language from the draft with JavaScript off, after saying how many texts will go", { timeout: 180_000 }, async () => {
    const { context, page } = await laptopContext(browser, false);
    await signIn(page, app, "admin@example.org");
    await page.goto(`${app.url}/admin/surveys/${surveyId}/edit`);
    expect(await page.getByTestId("completeness-ur").count()).toBe(1);
    await page.getByRole("link", { name: "Remove Urdu" }).click();
    await page.waitForURL(/\/remove-language\/ur$/);
    const texts = translatedTextCount(await newestDefinition(app, surveyId), "ur");
    expect(texts).toBeGreaterThan(100);
    expect(await page.locator("h1").textContent()).toContain("Remove Urdu from the draft?");
    expect(await page.getByTestId("remove-language-warning").textContent()).toContain(
      `${texts} translated texts in Urdu will go from the draft.`,
    );

    // axe-core runs in the page: the same confirmation, read in a context with JavaScript.
    const withScript = await laptopContext(browser);
    await withScript.context.addCookies(await context.cookies());
    await withScript.page.goto(page.url());
    await expectAccessible(withScript.page);
    await withScript.context.close();

    // "No" changes nothing.
    await page.getByRole("link", { name: "No, keep Urdu" }).click();
    await page.waitForURL(/\/edit$/);
    expect((await draftDefinition(app, surveyId))!.languages).toContain("ur");

    await page.getByRole("link", { name: "Remove Urdu" }).click();
    await page.waitForURL(/\/remove-language\/ur$/);
    await page.getByRole("button", { name: "Yes, remove Urdu" }).click();
    await page.waitForURL(/\/edit\?removed=ur/);
    expect(await page.getByTestId("language-removed").textContent()).toContain(`${texts} translated texts went with it`);
    expect(await page.getByTestId("completeness-ur").count()).toBe(0);
    expect(await page.getByTestId("completeness-pl").count()).toBe(1);
    expect((await newestDefinition(app, surveyId)).languages).not.toContain("ur");
    expect(await page.getByRole("link", { name: "Remove English" }).count()).toBe(0);

    // English cannot be removed, even by its address.
    await page.goto(`${app.url}/admin/surveys/${surveyId}/remove-language/en`);
    expect(await page.locator("h1").textContent()).toContain("English cannot be removed");
    expect(await page.getByRole("button").filter({ hasText: "remove" }).count()).toBe(0);

    // The draft publishes without Urdu.
    await page.goto(`${app.url}/admin/surveys/${surveyId}`);
    await page.getByRole("button", { name: "Publish version 2" }).click();
    await page.waitForURL(/done=published/);
    const v2 = await page.locator("table.table tbody tr").first().textContent();
    expect(v2).toContain("Polish");
    expect(v2).not.toContain("Urdu");
    await context.close();
  });
});
