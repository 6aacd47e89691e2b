/**
 * Translations done outside the platform, on SQLite and PostgreSQL: the texts exported as CSV and
 * as XLSX, filled in as a translator would, and imported back into the draft (never a published
 * version); a file with problems stores nothing; a language removed from the draft is gone from
 * the version published after it.
 */
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { csvRow } from "~/domain/csv";
import type { SurveyDefinition } from "~/domain/survey";
import { languageProblems, translationCompleteness } from "~/domain/survey-diff";
import { surveyTexts, TRANSLATION_COLUMNS, translationCsv, withoutLanguage } from "~/domain/survey-texts";
import { readTranslationCsv, zipUnpackedBytes, type SheetRow } from "~/domain/translation-file";
import { findPublishedSurvey } from "~/models/published-surveys.server";
import { importTranslations, removeSurveyLanguage, surveyTextsSource } from "~/models/survey-translations.server";
import { getDraft, publishDraft, saveDraft } from "~/models/surveys.server";
import { readTranslationWorkbook, translationWorkbook } from "~/models/translation-workbook.server";
import { sencoExperience } from "~/templates";
import { forumWithSurvey } from "../factories";
import { createTestDb, STORES, type TestDb } from "../support/db";

const NOW = new Date("2026-11-23T12:00:00Z");

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The SENCO survey in English only, with an option that starts like a formula. */
function englishSenco(): SurveyDefinition {
  const definition = withoutLanguage(sencoExperience, "ur").definition;
  const choice = definition.questions.find((q) => q.type === "single_choice")!;
  choice.options![1].label.en = "=1+1 - none of these";
  return definition;
}

/** What a translator does to the CSV: fill each translation cell (or leave it) and save as CSV UTF-8. */
function translatedCsv(csv: string, translate: (row: SheetRow) => string): Uint8Array {
  const read = readTranslationCsv(new TextEncoder().encode(csv));
  if (!read.ok) throw new Error(read.message);
  const [header, ...rows] = read.rows;
  const lines = [csvRow(header.cells), ...rows.map((row) => csvRow([...row.cells.slice(0, 3), translate(row)]))];
  return new TextEncoder().encode(`\uFEFF${lines.join("\r\n")}\r\n`);
}

function csvRows(bytes: Uint8Array): SheetRow[] {
  const read = readTranslationCsv(bytes);
  if (!read.ok) throw new Error(read.message);
  return read.rows;
}

/** A copy of a ZIP whose first file claims to unpack to `size` bytes (its central directory edited, nothing else). */
function claimingSize(zip: Uint8Array, size: number): Uint8Array {
  const copy = zip.slice();
  const view = new DataView(copy.buffer);
  let end = copy.byteLength - 22;
  while (view.getUint32(end, true) !== 0x06054b50) end--;
  view.setUint32(view.getUint32(end + 16, true) + 24, size, true);
  return copy;
}

const polish = (row: SheetRow) => `PL: ${row.cells[1]}`;

describe.each(STORES)("translations outside the platform on $kind", ({ kind, skip }) => {
  let t: TestDb;
  beforeEach(async () => {
    if (!skip) t = await createTestDb(kind);
  });
  afterEach(async () => {
    if (!skip) await t.destroy();
  });

  async function versionRows(surveyId: string) {
    return t.db
      .selectFrom("survey_versions")
      .select(["id", "version_no", "definition", "published_at"])
      .where("survey_id", "=", surveyId)
      .orderBy("version_no")
      .execute();
  }

  async function auditEntries(action: string) {
    return t.db.selectFrom("audit_log").select(["actor", "subject", "detail"]).where("action", "=", action).execute();
  }

  it.skipIf(skip)("CSV: export, translate, import into a new draft; the same file again changes nothing; it publishes", async () => {
    const { forum, survey } = await forumWithSurvey(t.db, englishSenco(), "senco-experience");
    const source = (await surveyTextsSource(t.db, forum.id, survey.id))!;
    expect(source).toMatchObject({ slug: "senco-experience", versionNo: 1, draft: false });
    const file = translatedCsv(translationCsv(source.definition, "pl"), polish);
    const before = await versionRows(survey.id);

    const input = { forumId: forum.id, surveyId: survey.id, language: "pl", sheet: csvRows(file), actor: "user-1", format: "csv" as const };
    const total = surveyTexts(source.definition).length;
    expect(await importTranslations(t.db, input)).toEqual({ ok: true, changed: total, added: true, stored: true, versionNo: 2 });

    const after = await versionRows(survey.id);
    expect(after).toHaveLength(2);
    // The published version is exactly as it was; the translations are in a new draft.
    expect(after[0]).toEqual(before[0]);
    expect(after[1].published_at).toBeNull();
    const draft = JSON.parse(after[1].definition) as SurveyDefinition;
    expect(draft.languages).toEqual(["en", "pl"]);
    expect(draft.questions.find((q) => q.type === "single_choice")!.options![1].label).toEqual({
      en: "=1+1 - none of these",
      pl: "PL: =1+1 - none of these",
    });
    expect(translationCompleteness(draft, "pl")).toEqual({ done: total, total });
    const audits = await auditEntries("survey.translations_imported");
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor: "user-1", subject: survey.id });
    expect(JSON.parse(audits[0].detail!)).toEqual({ version: 2, language: "pl", changed: total, added: true, format: "csv" });

    // The same file again: 0 texts changed, nothing written, nothing audited.
    expect(await importTranslations(t.db, input)).toEqual({ ok: true, changed: 0, added: false, stored: false, versionNo: 2 });
    expect(await versionRows(survey.id)).toEqual(after);
    expect(await auditEntries("survey.translations_imported")).toHaveLength(1);

    expect(await publishDraft(t.db, forum.id, survey.id)).toMatchObject({ ok: true, versionNo: 2 });
    const published = (await findPublishedSurvey(t.db, survey.publicId))!;
    expect(published.definition.languages).toEqual(["en", "pl"]);
    expect(published.definition.title.pl).toBe(`PL: ${sencoExperience.title.en}`);
  });

  it.skipIf(skip)("XLSX: the workbook a translator fills in imports as the CSV does; its text never runs as a formula", async () => {
    const { forum, survey } = await forumWithSurvey(t.db, englishSenco(), "senco-experience");
    const source = (await surveyTextsSource(t.db, forum.id, survey.id))!;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await translationWorkbook(source.definition, "ar", NOW)).buffer);
    const sheet = workbook.getWorksheet("translations")!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...TRANSLATION_COLUMNS]);
    const formulaLike = sheet.getColumn(2).values.findIndex((value) => value === "=1+1 - none of these");
    expect(formulaLike).toBeGreaterThan(1);
    expect(sheet.getCell(formulaLike, 2).type).toBe(ExcelJS.ValueType.String);

    // The translator fills every translation cell, but one with a formula.
    for (let row = 2; row <= sheet.rowCount; row++) sheet.getCell(row, 4).value = `AR: ${String(sheet.getCell(row, 2).value)}`;
    sheet.getCell(3, 4).value = { formula: "B3" };
    const withFormula = await readTranslationWorkbook(new Uint8Array(await workbook.xlsx.writeBuffer()));
    if (!withFormula.ok) throw new Error(withFormula.message);
    const input = { forumId: forum.id, surveyId: survey.id, language: "ar", actor: "user-1", format: "xlsx" as const };
    const refused = await importTranslations(t.db, { ...input, sheet: withFormula.rows });
    expect(refused).toMatchObject({ ok: false, problemCount: 1, counts: { formula: 1 } });
    if (!refused.ok) expect(refused.problems[0]).toMatchObject({ row: 3, column: "translation" });
    expect(await versionRows(survey.id)).toHaveLength(1);

    sheet.getCell(3, 4).value = `AR: ${String(sheet.getCell(3, 2).value)}`;
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const unpacked = zipUnpackedBytes(bytes)!;
    expect(unpacked).toBeGreaterThan(bytes.byteLength);
    // A workbook that says it unpacks to far more than a survey's texts is not opened at all.
    expect(await readTranslationWorkbook(claimingSize(bytes, 200 * 1024 * 1024))).toMatchObject({
      ok: false,
      message: expect.stringContaining("far larger"),
    });
    const whole = await readTranslationWorkbook(bytes);
    if (!whole.ok) throw new Error(whole.message);
    const total = surveyTexts(source.definition).length;
    expect(await importTranslations(t.db, { ...input, sheet: whole.rows })).toMatchObject({ ok: true, changed: total, versionNo: 2 });
    const draft = (await getDraft(t.db, forum.id, survey.id))!.draft!.definition;
    expect(draft.intro.ar).toBe(`AR: ${draft.intro.en}`);
    expect(languageProblems(draft)).toEqual([]);
    expect(await publishDraft(t.db, forum.id, survey.id)).toMatchObject({ ok: true });
  });

  it.skipIf(skip)("a file with problems stores nothing and names every one by row and column", async () => {
    const { forum, survey } = await forumWithSurvey(t.db, englishSenco(), "senco-experience");
    // An existing draft, so that an import would write over it.
    await saveDraft(t.db, forum.id, survey.id, englishSenco());
    const source = (await surveyTextsSource(t.db, forum.id, survey.id))!;
    expect(source).toMatchObject({ versionNo: 2, draft: true });
    const rows = csvRows(translatedCsv(translationCsv(source.definition, "pl"), polish));
    rows[1].cells[3] = "";
    rows[2].cells[2] = "ro";
    rows[3].cells[1] = "An older wording";
    const missingKey = rows.splice(4, 1)[0].cells[0];
    rows.push({ row: 90, cells: ["q.gone.title", "Gone", "pl", "Nie ma"] }, { row: 91, cells: [...rows[5].cells] });
    const before = await versionRows(survey.id);
    const result = await importTranslations(t.db, {
      forumId: forum.id,
      surveyId: survey.id,
      language: "pl",
      sheet: rows,
      actor: "user-1",
      format: "csv",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.kind, p.row, p.column])).toEqual([
      ["empty", 2, "translation"],
      ["wrong_language", 3, "language"],
      ["changed", 4, "english"],
      ["extra", 90, "key"],
      ["duplicate", 91, "key"],
      ["missing", null, "key"],
    ]);
    expect(result.problems.at(-1)!.message).toContain(missingKey);
    expect(await versionRows(survey.id)).toEqual(before);
    expect(await auditEntries("survey.translations_imported")).toEqual([]);
  });

  it.skipIf(skip)("a file made before the English changed is refused at the rows whose English changed", async () => {
    const { forum, survey } = await forumWithSurvey(t.db, englishSenco(), "senco-experience");
    const old = (await surveyTextsSource(t.db, forum.id, survey.id))!;
    const file = translatedCsv(translationCsv(old.definition, "pl"), polish);
    const reworded = clone(old.definition);
    reworded.questions[1].title.en = "A new wording of the second question";
    await saveDraft(t.db, forum.id, survey.id, reworded);
    const result = await importTranslations(t.db, {
      forumId: forum.id,
      surveyId: survey.id,
      language: "pl",
      sheet: csvRows(file),
      actor: "user-1",
      format: "csv",
    });
    const row = surveyTexts(old.definition).findIndex((text) => text.key === `q.${reworded.questions[1].code}.title`) + 2;
    expect(result).toMatchObject({ ok: false, problemCount: 1, problems: [{ kind: "changed", row, column: "english" }] });
  });

  it.skipIf(skip)("an incomplete language blocks publishing until a complete file is imported", async () => {
    const { forum, survey } = await forumWithSurvey(t.db, sencoExperience, "senco-experience");
    const partial = clone(sencoExperience);
    partial.questions.push({
      code: "training_wanted",
      type: "single_choice",
      role: "other",
      title: { en: "Would training help?" },
      required: false,
      options: [
        { code: "yes_please", label: { en: "Yes, please", ur: "جی ہاں" } },
        { code: "no_thanks", label: { en: "No, thank you" } },
      ],
    });
    await saveDraft(t.db, forum.id, survey.id, partial);
    expect(await publishDraft(t.db, forum.id, survey.id)).toMatchObject({ ok: false, reason: "languages" });

    const source = (await surveyTextsSource(t.db, forum.id, survey.id))!;
    const file = translatedCsv(translationCsv(source.definition, "ur"), (row) => row.cells[3] || `اردو: ${row.cells[1]}`);
    const result = await importTranslations(t.db, {
      forumId: forum.id,
      surveyId: survey.id,
      language: "ur",
      sheet: csvRows(file),
      actor: "user-1",
      format: "csv",
    });
    // The two texts that had no Urdu; every other row came back as it went out.
    expect(result).toEqual({ ok: true, changed: 2, added: false, stored: true, versionNo: 2 });
    expect(await publishDraft(t.db, forum.id, survey.id)).toMatchObject({ ok: true, versionNo: 2 });
    const published = (await findPublishedSurvey(t.db, survey.publicId))!;
    expect(published.definition.questions.at(-1)!.title.ur).toBe("اردو: Would training help?");
  });

  it.skipIf(skip)("a removed language is counted, audited, and gone from the version published next", async () => {
    const { forum, survey } = await forumWithSurvey(t.db, sencoExperience, "senco-experience");
    const translated = translationCompleteness(sencoExperience, "ur").done;
    const input = { forumId: forum.id, surveyId: survey.id, actor: "user-1" };
    expect(await removeSurveyLanguage(t.db, { ...input, language: "en" })).toEqual({ ok: false, reason: "source" });
    expect(await removeSurveyLanguage(t.db, { ...input, language: "ur" })).toEqual({
      ok: true,
      removed: translated,
      versionNo: 2,
      created: true,
    });
    expect(await removeSurveyLanguage(t.db, { ...input, language: "ur" })).toEqual({ ok: false, reason: "not_offered" });
    const audits = await auditEntries("survey.language_removed");
    expect(audits.map((a) => JSON.parse(a.detail!) as unknown)).toEqual([{ version: 2, language: "ur", texts: translated }]);

    expect(await publishDraft(t.db, forum.id, survey.id)).toMatchObject({ ok: true, versionNo: 2 });
    const published = (await findPublishedSurvey(t.db, survey.publicId))!;
    expect(published.definition.languages).toEqual(["en"]);
    expect(JSON.stringify(published.definition)).not.toContain('"ur":');
    // Version 1, which families may be part-way through, keeps its Urdu.
    const [v1] = await versionRows(survey.id);
    expect((JSON.parse(v1.definition) as SurveyDefinition).languages).toEqual(["en", "ur"]);
  });

  it.skipIf(skip)("removing an incomplete language from a draft lets it publish", async () => {
    const { forum, survey } = await forumWithSurvey(t.db, englishSenco(), "senco-experience");
    const withSomali = clone(englishSenco());
    withSomali.languages = ["en", "so"];
    withSomali.title.so = "Sahanka SENCO";
    await saveDraft(t.db, forum.id, survey.id, withSomali);
    expect(await publishDraft(t.db, forum.id, survey.id)).toMatchObject({ ok: false, reason: "languages" });
    expect(await removeSurveyLanguage(t.db, { forumId: forum.id, surveyId: survey.id, language: "so", actor: "user-1" })).toEqual({
      ok: true,
      removed: 1,
      versionNo: 2,
      created: false,
    });
    expect(await publishDraft(t.db, forum.id, survey.id)).toMatchObject({ ok: true, versionNo: 2 });
  });
});
