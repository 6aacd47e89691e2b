import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { en, type Catalogue, type MessageKey } from "~/i18n/en";
import { directionOf, formatNumber, localeOf, negotiateLanguage, translator, UI_LANGUAGES, type UiLanguage } from "~/i18n/index";
import { ar } from "~/i18n/ar";
import { bn } from "~/i18n/bn";
import { pa } from "~/i18n/pa";
import { pl } from "~/i18n/pl";
import { ps } from "~/i18n/ps";
import { ro } from "~/i18n/ro";
import { so } from "~/i18n/so";
import { ur } from "~/i18n/ur";

const englishKeys = Object.keys(en) as MessageKey[];

/** What each language's text must be written in: a letter of its own script, or of its own alphabet. */
const SCRIPTS: Record<Exclude<UiLanguage, "en">, { catalogue: Catalogue; name: string; letters: RegExp; rtl: boolean }> = {
  ur: { catalogue: ur, name: "اردو", letters: /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/, rtl: true },
  ar: { catalogue: ar, name: "العربية", letters: /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/, rtl: true },
  ps: { catalogue: ps, name: "پښتو", letters: /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/, rtl: true },
  pa: { catalogue: pa, name: "ਪੰਜਾਬੀ", letters: /[\u0A00-\u0A7F]/, rtl: false },
  bn: { catalogue: bn, name: "বাংলা", letters: /[\u0980-\u09FF]/, rtl: false },
  // Latin alphabets: at least the language's own letters somewhere, and never the English text.
  pl: { catalogue: pl, name: "Polski", letters: /[A-Za-ząćęłńóśźżĄĆĘŁŃÓŚŹŻ]/, rtl: false },
  ro: { catalogue: ro, name: "Română", letters: /[A-Za-zăâîșțĂÂÎȘȚ]/, rtl: false },
  so: { catalogue: so, name: "Soomaali", letters: /[A-Za-z]/, rtl: false },
};

/**
 * Keys whose text may be the same as the English in a language. Only codes and proper names
 * qualify, and only when they make up the whole message. Today there are none. Add a key only
 * with its reason beside it.
 */
const SAME_AS_ENGLISH_ALLOWED: ReadonlySet<MessageKey> = new Set<MessageKey>([]);

interface Shape {
  /** Every argument the message takes, with how it is used ("plain" or "plural"). */
  args: string[];
  /** The plural categories each plural argument offers. */
  plurals: Record<string, string[]>;
}

/** The arguments and plural forms of an ICU message, read from its syntax tree. */
function shapeOf(message: string, locale: string): Shape {
  const args = new Set<string>();
  const plurals: Record<string, string[]> = {};
  const walk = (elements: ReturnType<IntlMessageFormat["getAst"]>) => {
    for (const element of elements) {
      // 1 argument, 2 number, 3 date, 4 time, 5 select, 6 plural (see @formatjs/icu-messageformat-parser).
      if ([1, 2, 3, 4].includes(element.type) && "value" in element) args.add(`${String(element.value)}:plain`);
      if ((element.type === 5 || element.type === 6) && "options" in element && "value" in element) {
        args.add(`${String(element.value)}:${element.type === 6 ? "plural" : "select"}`);
        const options = element.options as Record<string, { value: ReturnType<IntlMessageFormat["getAst"]> }>;
        if (element.type === 6) plurals[String(element.value)] = Object.keys(options).sort();
        for (const option of Object.values(options)) walk(option.value);
      }
    }
  };
  walk(new IntlMessageFormat(message, locale, undefined, { ignoreTag: true }).getAst());
  return { args: [...args].sort(), plurals };
}

/** The keys for which `broken` holds: each rule's test lists every failing key at once. */
function keysWhere(broken: (key: MessageKey) => boolean): MessageKey[] {
  return englishKeys.filter(broken);
}

describe("the English catalogue", () => {
  it("parses as ICU MessageFormat in every key", () => {
    expect(keysWhere((key) => !tryShape(en[key], "en-GB"))).toEqual([]);
  });
});

function tryShape(message: string, locale: string): Shape | null {
  try {
    return shapeOf(message, locale);
  } catch {
    return null;
  }
}

describe.each(Object.entries(SCRIPTS))("the %s catalogue", (code, { catalogue, name, letters, rtl }) => {
  const locale = localeOf(code);
  const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories.slice().sort();

  it("has exactly the English keys", () => {
    expect(Object.keys(catalogue).sort()).toEqual([...englishKeys].sort());
  });

  it("has a non-empty string for every key", () => {
    expect(keysWhere((key) => typeof catalogue[key] !== "string" || catalogue[key].trim() === "")).toEqual([]);
  });

  it("translates every key rather than copying the English", () => {
    expect(keysWhere((key) => !SAME_AS_ENGLISH_ALLOWED.has(key) && catalogue[key] === en[key])).toEqual([]);
  });

  it("parses as ICU MessageFormat in every key", () => {
    expect(keysWhere((key) => !tryShape(catalogue[key], locale))).toEqual([]);
  });

  it("takes the same arguments as the English in every key", () => {
    expect(keysWhere((key) => tryShape(catalogue[key], locale)?.args.join() !== tryShape(en[key], "en-GB")?.args.join())).toEqual([]);
  });

  it(`offers every plural form the language has (${categories.join(", ")}) wherever a count chooses the words`, () => {
    expect(
      keysWhere((key) => {
        const plurals = tryShape(catalogue[key], locale)?.plurals ?? {};
        return Object.values(plurals).some((offered) => categories.some((category) => !offered.includes(category)));
      }),
    ).toEqual([]);
  });

  it("formats every key with any count, leaving no braces behind", () => {
    const t = translator(code);
    const failing = keysWhere((key) => {
      const values = Object.fromEntries((tryShape(en[key], "en-GB")?.args ?? []).map((arg) => [arg.split(":")[0], 0]));
      return [0, 1, 2, 3, 5, 11, 21, 100].some((n) => {
        const text = t(key, Object.fromEntries(Object.keys(values).map((arg) => [arg, n])));
        return /[{}]/.test(text) || text.trim() === "";
      });
    });
    expect(failing).toEqual([]);
  });

  it("writes in its own script or alphabet", () => {
    expect(keysWhere((key) => !letters.test(catalogue[key]))).toEqual([]);
  });

  it("names itself in its own language and direction", () => {
    expect(catalogue["language.name"]).toBe(name);
    expect(UI_LANGUAGES[code as UiLanguage].name).toBe(name);
    expect(directionOf(code)).toBe(rtl ? "rtl" : "ltr");
  });

  it("keeps the SEND abbreviation wherever the English uses it", () => {
    expect(keysWhere((key) => /\bSEND\b/.test(en[key]) && !catalogue[key].includes("SEND"))).toEqual([]);
  });

  it("keeps the example code in Latin letters", () => {
    expect(catalogue["resume.hint"]).toContain("K7P2Q-9XMRT");
  });
});

describe("translator", () => {
  it("fills placeholders in Urdu", () => {
    const text = translator("ur")("question.progress", { number: 3, total: 14 });
    expect(text).toBe(ur["question.progress"].replace("{number}", formatNumber(3, "ur")).replace("{total}", formatNumber(14, "ur")));
  });

  it("chooses words by the language's plural rules", () => {
    expect(translator("en")("home.minutes", { minutes: 1 })).toBe("About 1 minute");
    expect(translator("en")("home.minutes", { minutes: 12 })).toBe("About 12 minutes");
    // Polish has a form for 2–4 and another for 5–21.
    const polish = translator("pl");
    expect(polish("yswd.count", { count: 2 })).not.toBe(polish("yswd.count", { count: 5 }));
    // Arabic has six forms: one, two, few (3–10) and many (11–99) each read differently.
    const arabic = translator("ar");
    const forms = new Set([1, 2, 3, 11, 100].map((n) => arabic("home.minutes", { minutes: n }).replace(/[\d٠-٩]+/g, "#")));
    expect(forms.size).toBeGreaterThanOrEqual(4);
  });

  it("writes numbers the language's way", () => {
    expect(translator("en")("yswd.item.figure", { figure: "52%", n: 12345 })).toBe("52%, n = 12,345");
    expect(formatNumber(1234, "en")).toBe("1,234");
  });

  it("falls back to English for an unknown language", () => {
    const t = translator("xx");
    expect(t("question.progress", { number: 3, total: 14 })).toBe("Question 3 of 14");
    expect(t("home.title")).toBe(en["home.title"]);
  });
});

describe("negotiateLanguage", () => {
  it.each([
    ["ur-PK,ur;q=0.9,en;q=0.8", "ur"],
    ["pa-IN,pa;q=0.9", "pa"],
    ["bn-BD", "bn"],
    ["ar-SA,ar;q=0.9,en;q=0.5", "ar"],
    ["pl-PL,pl;q=0.9,en-US;q=0.8,en;q=0.7", "pl"],
    ["ro", "ro"],
    ["so-SO,so;q=0.9", "so"],
    ["ps-AF", "ps"],
    ["fr-FR,de;q=0.5,ro;q=0.4", "ro"],
  ])("gives %s the interface in %s", (header, expected) => {
    expect(negotiateLanguage(header)).toBe(expected);
  });

  it("falls back to English for a language the interface does not offer", () => {
    expect(negotiateLanguage("fr")).toBe("en");
  });
});
