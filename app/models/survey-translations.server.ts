/**
 * Translations done outside the platform, and languages taken out of a draft. Both write the
 * survey's draft exactly as the builder's Save does (saveDraft: over the draft, or a new draft
 * after the newest published version, never a published version), and audit it in the same
 * transaction, so a change is never stored without its entry.
 */
import { transaction, type DB } from "~/db.server";
import type { SurveyDefinition } from "~/domain/survey";
import { translationCompleteness } from "~/domain/survey-diff";
import { withoutLanguage, withTranslations } from "~/domain/survey-texts";
import type { FileKind, SheetRow } from "~/domain/translation-file";
import { checkTranslationFile, fileRefused, type TranslationRefusal } from "~/domain/translation-report";
import { TranslationLanguageSchema } from "~/schemas/translations";
import { recordAudit } from "./audit.server";
import { getDraft, saveDraft } from "./surveys.server";

interface SurveyTextsSource {
  slug: string;
  definition: SurveyDefinition;
  /** The version the texts come from: the draft's number, or the newest published one's. */
  versionNo: number;
  draft: boolean;
}

/** The texts a translator is sent: the draft's, or the newest published version's when there is no draft. */
export async function surveyTextsSource(db: DB, forumId: string, surveyId: string): Promise<SurveyTextsSource | undefined> {
  const editable = await getDraft(db, forumId, surveyId);
  if (!editable) return undefined;
  return {
    slug: editable.slug,
    definition: editable.base,
    versionNo: editable.draft?.versionNo ?? editable.published[0]?.versionNo ?? editable.draftVersionNo,
    draft: editable.draft !== null,
  };
}

export type TextsExport =
  | { ok: true; source: SurveyTextsSource; language: string; fileName: (extension: FileKind) => string }
  | { ok: false; status: 400 | 404; message: string };

/** The export a `?language=` asks for, of a survey of this forum: 404 for another forum's, 400 for a language it cannot be. */
export async function resolveTextsExport(db: DB, forumId: string, surveyId: string, params: URLSearchParams): Promise<TextsExport> {
  const source = await surveyTextsSource(db, forumId, surveyId);
  if (!source) return { ok: false, status: 404, message: "This forum has no such survey." };
  const parsed = TranslationLanguageSchema.safeParse({ language: params.get("language") ?? "" });
  if (!parsed.success) return { ok: false, status: 400, message: parsed.error.issues[0].message };
  const language = parsed.data.language;
  return {
    ok: true,
    source,
    language,
    fileName: (extension) => `${source.slug}-v${source.versionNo}-texts-${language}.${extension}`,
  };
}

/** Each language of the draft (or newest version) with how far its translation has got. */
export async function translationProgress(
  db: DB,
  forumId: string,
  surveyId: string,
): Promise<{ language: string; done: number; total: number }[] | undefined> {
  const source = await surveyTextsSource(db, forumId, surveyId);
  if (!source) return undefined;
  return source.definition.languages
    .filter((language) => language !== "en")
    .map((language) => ({ language, ...translationCompleteness(source.definition, language) }));
}

export type ImportTranslationsResult =
  { ok: true; changed: number; added: boolean; stored: boolean; versionNo: number } | TranslationRefusal;

/**
 * Checks a translator's file against the survey as it is at this moment and, only when it has
 * no problem at all, stores its translations into the draft. A file that changes nothing stores
 * nothing: importing the same file twice starts no draft and changes 0 texts.
 */
export async function importTranslations(
  db: DB,
  input: { forumId: string; surveyId: string; language: string; sheet: readonly SheetRow[]; actor: string; format: FileKind },
): Promise<ImportTranslationsResult> {
  return transaction(db, async (trx): Promise<ImportTranslationsResult> => {
    const editable = await getDraft(trx, input.forumId, input.surveyId);
    if (!editable) throw new Error("No such survey in this forum");
    const report = checkTranslationFile(editable.base, input.language, input.sheet);
    if (!report.ok) return report;
    const next = withTranslations(editable.base, input.language, report.translations);
    const currentNo = editable.draft?.versionNo ?? editable.published[0]?.versionNo ?? editable.draftVersionNo;
    if (next.changed === 0 && !next.added) return { ok: true, changed: 0, added: false, stored: false, versionNo: currentNo };
    const saved = await saveDraft(trx, input.forumId, input.surveyId, next.definition);
    // Only the texts changed, so no code can have; a draft stored with one would be refused here.
    if (!saved.ok)
      return fileRefused("The survey's draft cannot be saved as it is: open the builder, save it there, then import again.", null);
    await recordAudit(trx, {
      forumId: input.forumId,
      actor: input.actor,
      action: "survey.translations_imported",
      subject: input.surveyId,
      detail: { version: saved.versionNo, language: input.language, changed: next.changed, added: next.added, format: input.format },
    });
    return { ok: true, changed: next.changed, added: next.added, stored: true, versionNo: saved.versionNo };
  });
}

export type RemoveLanguageResult =
  { ok: true; removed: number; versionNo: number; created: boolean } | { ok: false; reason: "source" | "not_offered" | "not_saved" };

/**
 * Takes a language out of the draft, with every text translated into it, starting a draft from
 * the newest published version if there is none. Published versions keep the language: families
 * answering one in it are not affected, and the draft then publishes without it.
 */
export async function removeSurveyLanguage(
  db: DB,
  input: { forumId: string; surveyId: string; language: string; actor: string },
): Promise<RemoveLanguageResult> {
  if (input.language === "en") return { ok: false, reason: "source" };
  return transaction(db, async (trx): Promise<RemoveLanguageResult> => {
    const editable = await getDraft(trx, input.forumId, input.surveyId);
    if (!editable) throw new Error("No such survey in this forum");
    if (!editable.base.languages.includes(input.language)) return { ok: false, reason: "not_offered" };
    const { definition, removed } = withoutLanguage(editable.base, input.language);
    const saved = await saveDraft(trx, input.forumId, input.surveyId, definition);
    if (!saved.ok) return { ok: false, reason: "not_saved" };
    await recordAudit(trx, {
      forumId: input.forumId,
      actor: input.actor,
      action: "survey.language_removed",
      subject: input.surveyId,
      detail: { version: saved.versionNo, language: input.language, texts: removed },
    });
    return { ok: true, removed, versionNo: saved.versionNo, created: saved.created };
  });
}
