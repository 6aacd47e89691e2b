/**
 * The easy read block of the message catalogues (start, save, done, check answers and receipt
 * pages of easy read surveys): every key in all nine languages, never empty, in one block, and
 * written in short sentences.
 */
import { describe, expect, it } from "vitest";
import { ar } from "~/i18n/ar";
import { bn } from "~/i18n/bn";
import { en, type Catalogue, type MessageKey } from "~/i18n/en";
import { translator, type UiLanguage } from "~/i18n";
import { pa } from "~/i18n/pa";
import { pl } from "~/i18n/pl";
import { ps } from "~/i18n/ps";
import { ro } from "~/i18n/ro";
import { so } from "~/i18n/so";
import { ur } from "~/i18n/ur";

const CATALOGUES: Record<UiLanguage, Catalogue> = { en, ur, pa, bn, ar, pl, ro, so, ps };

const EASY_READ_KEYS = (Object.keys(en) as MessageKey[]).filter((key) => key.startsWith("easyRead."));

/**
 * The most words a sentence may have, by language. English easy read guidance says about 15.
 * Languages that write "about" or "can keep" as several words (Urdu "کے بارے میں", Punjabi
 * "ਰੱਖ ਸਕਦਾ ਹੈ", Pashto "په اړه") need more words for the same short sentence; Arabic joins
 * words and needs fewer.
 */
const MOST_WORDS: Record<UiLanguage, number> = { en: 15, ar: 16, pl: 16, ro: 16, so: 16, bn: 18, ur: 20, pa: 20, ps: 20 };

/** Sentences end with a full stop, !, ? or the script's own: Urdu ۔, Arabic ؟, the danda । of Bengali and Punjabi. */
function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?۔؟।])\s+/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

function wordsIn(sentence: string): number {
  return sentence.split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** Each message as a page shows it, with a count of 1 and of 3 where it takes one. */
function shown(language: UiLanguage, key: MessageKey): string[] {
  const t = translator(language);
  return [1, 3].map((minutes) => t(key, { minutes, survey: "Young people's survey", date: "3 June 2027" }));
}

describe("the easy read messages", () => {
  it("cover the start, save, done, check answers and receipt pages", () => {
    for (const page of ["start", "save", "done", "check", "receipt"]) {
      expect(
        EASY_READ_KEYS.some((key) => key.startsWith(`easyRead.${page}.`)),
        page,
      ).toBe(true);
    }
    expect(EASY_READ_KEYS.length).toBeGreaterThanOrEqual(50);
  });

  it.each(Object.keys(CATALOGUES) as UiLanguage[])("are all in the %s catalogue, none empty, in one block", (language) => {
    const catalogue = CATALOGUES[language];
    const missing = EASY_READ_KEYS.filter((key) => typeof catalogue[key] !== "string" || catalogue[key].trim() === "");
    expect(missing).toEqual([]);
    // One contiguous block, so a translator reviews easy read as a whole.
    const order = Object.keys(catalogue);
    const at = EASY_READ_KEYS.map((key) => order.indexOf(key)).sort((a, b) => a - b);
    expect(at[at.length - 1] - at[0]).toBe(EASY_READ_KEYS.length - 1);
  });

  it.each(Object.keys(CATALOGUES) as UiLanguage[])("say one thing a sentence in %s, each short", (language) => {
    const most = MOST_WORDS[language];
    const tooLong = EASY_READ_KEYS.flatMap((key) =>
      shown(language, key)
        .flatMap(sentencesOf)
        .filter((sentence) => wordsIn(sentence) > most)
        .map((sentence) => `${key}: ${sentence} (${wordsIn(sentence)} words)`),
    );
    expect(tooLong).toEqual([]);
  });

  it("keep English sentences to 15 words, and a message to three sentences at most", () => {
    for (const key of EASY_READ_KEYS) {
      for (const text of shown("en", key)) {
        const sentences = sentencesOf(text);
        expect(sentences.length, key).toBeLessThanOrEqual(3);
        for (const sentence of sentences) expect(wordsIn(sentence), `${key}: ${sentence}`).toBeLessThanOrEqual(15);
      }
    }
  });

  it("never use the adult form's legal words", () => {
    const legal = /special category|special educational needs|withdraw|identify|to the best of your knowledge/i;
    expect(EASY_READ_KEYS.filter((key) => legal.test(en[key]))).toEqual([]);
  });

  it("keep the legal meaning of each consent box, in plain words", () => {
    // Special category data is named by what it is about: health and disability.
    for (const key of ["easyRead.start.consent.special_category", "easyRead.start.consent.special_category.parent"] as const) {
      expect(en[key]).toMatch(/health, disability/);
    }
    expect(en["easyRead.start.consent.participate"]).toMatch(/^Yes, /);
    expect(en["easyRead.start.consent.quotes"]).toMatch(/not say who I am/);
  });
});
