/**
 * Default survey template `senco-experience` (audience: SENCOs and setting SEND leads).
 * Question codes, option codes and scales follow the KPI contract exactly (tests/fixtures/kpi-contract.md).
 */
import type { SurveyDefinition, SurveyOption } from "~/domain/survey";
import { scaleOptions, segmentOptions } from "./options";

/** The SENCO survey is offered in English and Urdu: shared labels keep only those. */
const LANGUAGES = ["en", "ur"];

function sencoOptions(options: readonly SurveyOption[]): SurveyOption[] {
  return options.map((option) => ({
    ...option,
    label: Object.fromEntries(Object.entries(option.label).filter(([language]) => LANGUAGES.includes(language))) as SurveyOption["label"],
  }));
}

export const sencoExperience: SurveyDefinition = {
  title: {
    en: "SENCO experience survey",
    ur: "SENCO کے تجربے کا سروے",
  },
  intro: {
    en:
      "This survey is for special educational needs coordinators (SENCOs) and SEND leads in early years settings, " +
      "schools and colleges. Your answers help the Parent Carer Forum tell the SEND improvement board how well the " +
      "council's SEND service supports settings, alongside what families tell us. It takes about 4 minutes.",
    ur:
      "یہ سروے ابتدائی سالوں کے اداروں، اسکولوں اور کالجوں میں کام کرنے والے خصوصی تعلیمی ضروریات کے کوآرڈینیٹرز " +
      "(SENCOs) اور SEND سربراہوں کے لیے ہے۔ آپ کے جوابات سے پیرنٹ کیرر فورم (Parent Carer Forum) کو SEND بہتری " +
      "بورڈ (SEND improvement board) کو یہ بتانے میں مدد ملتی ہے کہ کونسل کی SEND سروس اداروں کی کتنی اچھی مدد کرتی " +
      "ہے، اور یہ معلومات خاندانوں کی رائے کے ساتھ پیش کی جاتی ہیں۔ اس میں تقریباً 4 منٹ لگتے ہیں۔",
  },
  audience: "senco",
  minutes: 4,
  languages: LANGUAGES,
  questions: [
    {
      code: "senco_service_rating",
      type: "single_choice",
      role: "kpi",
      required: true,
      title: {
        en: "Overall, how would you rate the support your setting receives from the council's SEND service in the last 12 months?",
        ur: "مجموعی طور پر، پچھلے 12 مہینوں میں آپ کے ادارے کو کونسل کی SEND سروس سے ملنے والی مدد کو آپ کیسا سمجھتے ہیں؟",
      },
      options: sencoOptions(scaleOptions("FFT6")),
    },
    {
      code: "senco_plan_grade",
      type: "single_choice",
      role: "kpi",
      required: true,
      title: {
        en: "Thinking about the most recent EHC plan issued or amended for a pupil in your setting, how would you judge its quality overall?",
        ur: "اپنے ادارے کے کسی طالب علم کے لیے سب سے حال میں جاری یا ترمیم کیے گئے EHC پلان کے بارے میں سوچیں: آپ مجموعی طور پر اس کے معیار کو کیسا سمجھتے ہیں؟",
      },
      hint: {
        en: "EHC means education, health and care. Judge the plan as a whole, as you would for a quality audit.",
        ur: "EHC سے مراد تعلیم، صحت اور نگہداشت ہے۔ پلان کو مجموعی طور پر پرکھیں، جیسے آپ معیار کے جائزے (quality audit) میں کرتے۔",
      },
      options: sencoOptions(scaleOptions("GRADE4")),
    },
    {
      code: "senco_queries_timely",
      type: "single_choice",
      role: "other",
      required: true,
      title: {
        en: '"Responses to our queries are timely."',
        ur: '"ہمارے سوالات کے جوابات بروقت ملتے ہیں۔"',
      },
      hint: {
        en: "Thinking about the council's SEND service, how much do you agree or disagree?",
        ur: "کونسل کی SEND سروس کے بارے میں سوچتے ہوئے بتائیں کہ آپ اس بات سے کس حد تک متفق یا غیر متفق ہیں۔",
      },
      options: sencoOptions(scaleOptions("AGREE5", "dont_know")),
    },
    {
      code: "what_would_help",
      type: "text_long",
      role: "free_text",
      required: false,
      maxLength: 1000,
      title: {
        en: "What one change would most help your setting support pupils with SEND?",
        ur: "کون سی ایک تبدیلی SEND والے طلبہ کی مدد کرنے میں آپ کے ادارے کے لیے سب سے زیادہ مددگار ہو گی؟",
      },
      hint: {
        en:
          "Please do not include the names of pupils, families, staff or your setting. We check every answer before any " +
          "of it is shared.",
        ur: "براہ کرم طلبہ، خاندانوں، عملے یا اپنے ادارے کے نام نہ لکھیں۔ کوئی بھی جواب کسی کو دکھانے سے پہلے ہم اسے " + "جانچتے ہیں۔",
      },
    },
    {
      code: "setting_type",
      type: "single_choice",
      role: "segment",
      required: false,
      title: {
        en: "What type of setting do you work in?",
        ur: "آپ کس قسم کے ادارے میں کام کرتے ہیں؟",
      },
      hint: {
        en: "If you work in more than one setting, choose the one you are answering about.",
        ur: "اگر آپ ایک سے زیادہ اداروں میں کام کرتے ہیں تو وہ ادارہ منتخب کریں جس کے بارے میں آپ جواب دے رہے ہیں۔",
      },
      options: sencoOptions(segmentOptions("setting_type")),
    },
    {
      code: "district",
      type: "single_choice",
      role: "segment",
      required: false,
      title: {
        en: "Which area of Birmingham is your setting in?",
        ur: "آپ کا ادارہ برمنگھم کے کس علاقے میں ہے؟",
      },
      hint: {
        en: "These are Birmingham's parliamentary constituencies.",
        ur: "یہ برمنگھم کے پارلیمانی حلقے ہیں۔",
      },
      options: sencoOptions(segmentOptions("district")),
    },
  ],
};
