/**
 * Default survey template `young-people-easy-read` (audience: children and young people, 16–25
 * and younger). The easy read version of K1, K2 and K13 (the KPI contract: "reported separately, never
 * pooled"): its own question codes, all starting `yp_`, so no parent KPI ever counts its answers
 * and its KPIs (K1_YP, K2_YP, K13_YP) count nothing else.
 *
 * Easy read: short sentences, one idea per question, plain words, and a 3-point scale most
 * positive first, which the public pages draw with faces (easyRead).
 */
import type { SurveyDefinition, SurveyOption } from "~/domain/survey";

// Functions, so each question holds its own copy of an option.
const dontKnow = (): SurveyOption => ({ code: "dont_know", label: { en: "I don't know", ur: "مجھے نہیں معلوم" } });
const yes = (): SurveyOption => ({ code: "yes", label: { en: "Yes", ur: "ہاں" } });
const no = (): SurveyOption => ({ code: "no", label: { en: "No", ur: "نہیں" } });

export const youngPeopleEasyRead: SurveyDefinition = {
  title: {
    en: "Children and young people's survey (easy read)",
    ur: "بچوں اور نوجوانوں کا سروے (آسان زبان میں)",
  },
  intro: {
    en:
      "This survey is for children and young people who get extra help. " +
      "This can be help with learning, or help because of a disability. " +
      "We want to know what you think. There are 5 short questions. You can ask someone to help you.",
    ur:
      "یہ سروے ان بچوں اور نوجوانوں کے لیے ہے جنہیں اضافی مدد ملتی ہے۔ " +
      "یہ سیکھنے میں مدد ہو سکتی ہے، یا کسی معذوری کی وجہ سے ملنے والی مدد۔ " +
      "ہم جاننا چاہتے ہیں کہ آپ کیا سوچتے ہیں۔ اس میں 5 چھوٹے سوال ہیں۔ آپ کسی سے مدد لے سکتے ہیں۔",
  },
  audience: "young_person",
  minutes: 3,
  languages: ["en", "ur"],
  easyRead: true,
  questions: [
    {
      code: "yp_overall_experience",
      type: "single_choice",
      role: "kpi",
      required: true,
      title: {
        en: "How good is the help you get?",
        ur: "آپ کو ملنے والی مدد کتنی اچھی ہے؟",
      },
      hint: {
        en: "Think about help at school or college. Think about other support too.",
        ur: "اسکول یا کالج میں ملنے والی مدد کے بارے میں سوچیں۔ دوسری مدد کے بارے میں بھی سوچیں۔",
      },
      options: [
        { code: "good", label: { en: "Good", ur: "اچھی" } },
        { code: "ok", label: { en: "OK", ur: "ٹھیک ہے" } },
        { code: "not_good", label: { en: "Not good", ur: "اچھی نہیں" } },
        dontKnow(),
      ],
    },
    {
      code: "yp_listened_to",
      type: "single_choice",
      role: "kpi",
      required: true,
      title: {
        en: "Do the people who plan your support listen to you?",
        ur: "کیا آپ کی مدد کا منصوبہ بنانے والے لوگ آپ کی بات سنتے ہیں؟",
      },
      hint: {
        en: "For example, your teachers or your support worker.",
        ur: "مثال کے طور پر آپ کے استاد یا آپ کی مدد کرنے والا کارکن۔",
      },
      options: [yes(), { code: "sometimes", label: { en: "Sometimes", ur: "کبھی کبھی" } }, no()],
    },
    {
      code: "yp_feedback_leads_to_change",
      type: "single_choice",
      role: "kpi",
      required: true,
      title: {
        en: "When you say what you think, do things change?",
        ur: "جب آپ اپنی رائے بتاتے ہیں تو کیا چیزیں بدلتی ہیں؟",
      },
      options: [yes(), { code: "a_bit", label: { en: "A bit", ur: "تھوڑا سا" } }, no(), dontKnow()],
    },
    {
      code: "yp_what_would_help",
      type: "text_long",
      role: "free_text",
      required: false,
      maxLength: 1000,
      title: {
        en: "What would make your help better?",
        ur: "آپ کی مدد کو کیا چیز بہتر بنا سکتی ہے؟",
      },
      hint: {
        en: "Please do not write anyone's name. We read every answer before we share it.",
        ur: "براہ کرم کسی کا نام نہ لکھیں۔ ہم ہر جواب کسی کو دکھانے سے پہلے پڑھتے ہیں۔",
      },
    },
    {
      code: "yp_age_group",
      type: "single_choice",
      role: "segment",
      required: false,
      title: {
        en: "How old are you?",
        ur: "آپ کی عمر کتنی ہے؟",
      },
      // Codes start with a letter, as every code must (app/schemas/survey-definition.ts).
      options: [
        { code: "under_11", label: { en: "Under 11", ur: "11 سال سے کم" } },
        { code: "age_11_15", label: { en: "11 to 15", ur: "11 سے 15 سال" } },
        { code: "age_16_18", label: { en: "16 to 18", ur: "16 سے 18 سال" } },
        { code: "age_19_25", label: { en: "19 to 25", ur: "19 سے 25 سال" } },
      ],
    },
  ],
};
