import { describe, it, expect } from "vitest";
import { en, type MessageKey } from "~/i18n/en";
import { ur } from "~/i18n/ur";
import { directionOf, formatNumber, negotiateLanguage, translator } from "~/i18n/index";

const englishKeys = Object.keys(en) as MessageKey[];

/**
 * Keys whose Urdu text may be identical to the English. Only codes and proper names qualify, and
 * only when they make up the whole message. Today there are none: the example code K7P2Q-9XMRT,
 * SEND and "Parent Carer Forum" appear only inside longer, translated sentences. Add a key here
 * only with a reason written next to it.
 */
const SAME_AS_ENGLISH_ALLOWED: ReadonlySet<MessageKey> = new Set<MessageKey>([]);

/** Any letter from the Arabic script blocks (Urdu is written in an extended Arabic script). */
const ARABIC_SCRIPT = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/;

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
}

/** The keys for which `broken` holds: a rule's test lists every failing key at once. */
function keysWhere(broken: (key: MessageKey) => boolean): MessageKey[] {
  return englishKeys.filter(broken);
}

describe("Urdu catalogue", () => {
  it("has exactly the English keys", () => {
    expect(Object.keys(ur).sort()).toEqual([...englishKeys].sort());
  });

  it("has a non-empty string for every key", () => {
    expect(keysWhere((key) => typeof ur[key] !== "string" || ur[key].trim() === "")).toEqual([]);
  });

  it("translates every key rather than copying the English", () => {
    expect(keysWhere((key) => !SAME_AS_ENGLISH_ALLOWED.has(key) && ur[key] === en[key])).toEqual([]);
  });

  it("only allow-lists real keys", () => {
    for (const key of SAME_AS_ENGLISH_ALLOWED) expect(englishKeys).toContain(key);
  });

  it("keeps the same {placeholders} as the English in every key", () => {
    expect(keysWhere((key) => placeholders(ur[key]).join() !== placeholders(en[key]).join())).toEqual([]);
  });

  it("writes every key in Arabic script", () => {
    expect(keysWhere((key) => !ARABIC_SCRIPT.test(ur[key]))).toEqual([]);
  });

  it("names the language in Urdu", () => {
    expect(ur["language.name"]).toBe("اردو");
  });

  it("keeps the SEND abbreviation wherever the English uses it", () => {
    for (const key of englishKeys) {
      if (/\bSEND\b/.test(en[key])) expect(ur[key], key).toContain("SEND");
    }
  });

  it("keeps the example code in Latin letters", () => {
    expect(ur["resume.hint"]).toContain("K7P2Q-9XMRT");
  });
});

describe("translator", () => {
  it("fills placeholders in Urdu", () => {
    const text = translator("ur")("question.progress", { number: 3, total: 14 });
    expect(text).toContain(formatNumber(3, "ur"));
    expect(text).toContain(formatNumber(14, "ur"));
    expect(text).not.toMatch(/[{}]/);
    expect(text).toMatch(ARABIC_SCRIPT);
    expect(text).toBe(ur["question.progress"].replace("{number}", formatNumber(3, "ur")).replace("{total}", formatNumber(14, "ur")));
  });

  it("falls back to English for an unknown language", () => {
    const t = translator("xx");
    expect(t("question.progress", { number: 3, total: 14 })).toBe("Question 3 of 14");
    expect(t("home.title")).toBe(en["home.title"]);
  });
});

describe("negotiateLanguage", () => {
  it("picks Urdu when the browser prefers it", () => {
    expect(negotiateLanguage("ur-PK,ur;q=0.9,en;q=0.8")).toBe("ur");
  });

  it("falls back to English for a language the interface does not offer", () => {
    expect(negotiateLanguage("fr")).toBe("en");
  });
});

describe("directionOf", () => {
  it("writes Urdu right to left", () => {
    expect(directionOf("ur")).toBe("rtl");
  });
});
