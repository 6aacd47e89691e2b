import * as z from "zod";
import { UI_LANGUAGES, type UiLanguage } from "~/i18n";

/**
 * The translations page's forms and the rows of a translator's file. Client-safe.
 *
 * A survey is offered only in languages the whole interface speaks (a parent must never meet an
 * English button), so those are the languages a translator can be sent texts for.
 */
export const TRANSLATABLE_LANGUAGES = (Object.keys(UI_LANGUAGES) as UiLanguage[]).filter((language) => language !== "en") as [
  UiLanguage,
  ...UiLanguage[],
];

const CHOOSE_LANGUAGE = "Choose the language the texts are translated into";

/** The language a file is exported for or imported in (`?language=` or the import form). */
export const TranslationLanguageSchema = z.object({ language: z.enum(TRANSLATABLE_LANGUAGES, { error: CHOOSE_LANGUAGE }) });

/** The longest translation the survey definition accepts (its LocalTextSchema). */
export const TRANSLATION_MAX_CHARACTERS = 4000;

/** One row of a translator's file, by column heading. `english` is checked against the survey, not here. */
export const TranslationRowSchema = z.object({
  key: z.string().trim().min(1, "This row has no key: copy it back from the file you were sent"),
  english: z.string(),
  language: z.string().trim().toLowerCase(),
  translation: z
    .string()
    .trim()
    .min(1, "The translation is empty")
    .max(TRANSLATION_MAX_CHARACTERS, `The translation is longer than ${TRANSLATION_MAX_CHARACTERS.toLocaleString("en-GB")} characters`),
});
