import type { SurveyOption } from "~/domain/survey";

/** "Don't know", which several scales end with and any question may append. */
export const DONT_KNOW: SurveyOption = {
  code: "dont_know",
  label: {
    en: "Don't know",
    ur: "معلوم نہیں",
    pa: "ਪਤਾ ਨਹੀਂ",
    bn: "জানি না",
    ar: "لا أعرف",
    pl: "Nie wiem",
    ro: "Nu știu",
    so: "Ma aqaan",
    ps: "نه پوهېږم",
  },
};

/** Options a question may append after its scale, as in "AGREE5 + `not_applicable`". */
export const EXTRA_OPTIONS = {
  not_applicable: {
    code: "not_applicable",
    label: {
      en: "Not applicable",
      ur: "لاگو نہیں ہوتا",
      pa: "ਲਾਗੂ ਨਹੀਂ ਹੁੰਦਾ",
      bn: "প্রযোজ্য নয়",
      ar: "لا ينطبق",
      pl: "Nie dotyczy",
      ro: "Nu se aplică",
      so: "Ma khuseyso",
      ps: "اړه نه لري",
    },
  },
  dont_know: DONT_KNOW,
} as const satisfies Record<string, SurveyOption>;
export type ExtraOptionCode = keyof typeof EXTRA_OPTIONS;
