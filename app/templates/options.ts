/**
 * Answer scales and segment options shared by the survey templates, KPI definitions and the
 * import. Codes and their order are the KPI contract ("Scales" and "Segments"):
 * most positive first. Labels are plain English with an Urdu translation.
 *
 * Kept apart from ./index so the template files can import these without an import cycle;
 * ./index re-exports everything here.
 */
import type { SurveyOption } from "~/domain/survey";

export const SCALE_NAMES = ["FFT6", "AGREE5", "CONF", "SAT5", "FREQ5", "DELIV", "AR4", "EASE", "CHANGE", "GRADE4"] as const;
export type ScaleName = (typeof SCALE_NAMES)[number];

const DONT_KNOW: SurveyOption = { code: "dont_know", label: { en: "Don't know", ur: "معلوم نہیں" } };

/** Options a question may append after its scale, as in "AGREE5 + `not_applicable`". */
export const EXTRA_OPTIONS = {
  not_applicable: { code: "not_applicable", label: { en: "Not applicable", ur: "لاگو نہیں ہوتا" } },
  dont_know: DONT_KNOW,
} as const satisfies Record<string, SurveyOption>;
export type ExtraOptionCode = keyof typeof EXTRA_OPTIONS;

export const SCALES: Record<ScaleName, readonly SurveyOption[]> = {
  FFT6: [
    { code: "very_good", label: { en: "Very good", ur: "بہت اچھا" } },
    { code: "good", label: { en: "Good", ur: "اچھا" } },
    { code: "neither", label: { en: "Neither good nor poor", ur: "نہ اچھا نہ خراب" } },
    { code: "poor", label: { en: "Poor", ur: "خراب" } },
    { code: "very_poor", label: { en: "Very poor", ur: "بہت خراب" } },
    DONT_KNOW,
  ],
  AGREE5: [
    { code: "strongly_agree", label: { en: "Strongly agree", ur: "پوری طرح متفق ہوں" } },
    { code: "agree", label: { en: "Agree", ur: "متفق ہوں" } },
    { code: "neither", label: { en: "Neither agree nor disagree", ur: "نہ متفق ہوں نہ غیر متفق" } },
    { code: "disagree", label: { en: "Disagree", ur: "متفق نہیں ہوں" } },
    { code: "strongly_disagree", label: { en: "Strongly disagree", ur: "بالکل متفق نہیں ہوں" } },
  ],
  CONF: [
    { code: "very", label: { en: "Very confident", ur: "بہت یقین ہے" } },
    { code: "fairly", label: { en: "Fairly confident", ur: "کافی حد تک یقین ہے" } },
    { code: "not_very", label: { en: "Not very confident", ur: "زیادہ یقین نہیں ہے" } },
    { code: "not_at_all", label: { en: "Not at all confident", ur: "بالکل یقین نہیں ہے" } },
  ],
  SAT5: [
    { code: "very_satisfied", label: { en: "Very satisfied", ur: "بہت مطمئن" } },
    { code: "fairly_satisfied", label: { en: "Fairly satisfied", ur: "کافی حد تک مطمئن" } },
    { code: "neither", label: { en: "Neither satisfied nor dissatisfied", ur: "نہ مطمئن نہ غیر مطمئن" } },
    { code: "fairly_dissatisfied", label: { en: "Fairly dissatisfied", ur: "کافی حد تک غیر مطمئن" } },
    { code: "very_dissatisfied", label: { en: "Very dissatisfied", ur: "بہت غیر مطمئن" } },
  ],
  FREQ5: [
    { code: "always", label: { en: "Always", ur: "ہمیشہ" } },
    { code: "mostly", label: { en: "Most of the time", ur: "زیادہ تر" } },
    { code: "sometimes", label: { en: "Sometimes", ur: "کبھی کبھی" } },
    { code: "rarely", label: { en: "Rarely", ur: "شاذ و نادر ہی" } },
    { code: "never", label: { en: "Never", ur: "کبھی نہیں" } },
  ],
  DELIV: [
    { code: "all", label: { en: "Yes, all of it", ur: "جی ہاں، ساری مدد" } },
    { code: "most", label: { en: "Most of it", ur: "زیادہ تر مدد" } },
    { code: "some", label: { en: "Some of it", ur: "کچھ مدد" } },
    { code: "none", label: { en: "None of it", ur: "کوئی مدد نہیں" } },
    DONT_KNOW,
  ],
  AR4: [
    { code: "within_4_weeks", label: { en: "Yes, within 4 weeks", ur: "جی ہاں، 4 ہفتوں کے اندر" } },
    { code: "took_longer", label: { en: "No, it took longer than 4 weeks", ur: "نہیں، 4 ہفتوں سے زیادہ وقت لگا" } },
    {
      code: "not_received",
      label: { en: "No, I have not received a decision yet", ur: "نہیں، مجھے ابھی تک کوئی فیصلہ نہیں ملا" },
    },
    DONT_KNOW,
  ],
  EASE: [
    { code: "very_easy", label: { en: "Very easy", ur: "بہت آسان" } },
    { code: "fairly_easy", label: { en: "Fairly easy", ur: "کافی حد تک آسان" } },
    { code: "fairly_difficult", label: { en: "Fairly difficult", ur: "کافی حد تک مشکل" } },
    { code: "very_difficult", label: { en: "Very difficult", ur: "بہت مشکل" } },
    {
      code: "havent_looked",
      label: { en: "I haven't looked for information", ur: "میں نے معلومات تلاش نہیں کیں" },
    },
  ],
  CHANGE: [
    { code: "yes_definitely", label: { en: "Yes, definitely", ur: "جی ہاں، یقیناً" } },
    { code: "yes_some", label: { en: "Yes, to some extent", ur: "جی ہاں، کسی حد تک" } },
    { code: "no", label: { en: "No", ur: "نہیں" } },
    DONT_KNOW,
  ],
  GRADE4: [
    { code: "outstanding", label: { en: "Outstanding", ur: "شاندار" } },
    { code: "good", label: { en: "Good", ur: "اچھا" } },
    { code: "requires_improvement", label: { en: "Requires improvement", ur: "بہتری کی ضرورت ہے" } },
    { code: "inadequate", label: { en: "Inadequate", ur: "ناکافی" } },
  ],
};

export const SEGMENT_CODES = ["respondent_role", "age_phase", "ehcp_stage", "setting_type", "primary_need", "district"] as const;
export type SegmentCode = (typeof SEGMENT_CODES)[number];

export const SEGMENT_OPTIONS: Record<SegmentCode, readonly SurveyOption[]> = {
  respondent_role: [
    { code: "parent_carer", label: { en: "Parent or carer", ur: "والدین یا نگہداشت کرنے والے" } },
    { code: "young_person", label: { en: "Young person", ur: "نوجوان" } },
    { code: "senco", label: { en: "SENCO or setting SEND lead", ur: "SENCO یا ادارے کے SEND سربراہ" } },
    { code: "professional", label: { en: "Professional", ur: "پیشہ ور ماہر" } },
  ],
  age_phase: [
    { code: "early_years", label: { en: "Early years (age 0 to 4)", ur: "ابتدائی سال (0 سے 4 سال کی عمر)" } },
    {
      code: "primary",
      label: { en: "Primary (Reception to Year 6)", ur: "پرائمری (ریسیپشن سے سال 6 تک)" },
    },
    {
      code: "secondary",
      label: { en: "Secondary (Year 7 to Year 11)", ur: "سیکنڈری (سال 7 سے سال 11 تک)" },
    },
    { code: "post16", label: { en: "Post-16 (age 16 to 19)", ur: "16 سال کے بعد (16 سے 19 سال کی عمر)" } },
    { code: "post19", label: { en: "Post-19 (age 19 to 25)", ur: "19 سال کے بعد (19 سے 25 سال کی عمر)" } },
  ],
  ehcp_stage: [
    {
      code: "sen_support",
      label: {
        en: "No EHC plan: my child gets SEN support at their school, college or nursery",
        ur: "EHC پلان نہیں ہے: میرے بچے کو اپنے اسکول، کالج یا نرسری میں SEN سپورٹ ملتی ہے",
      },
    },
    {
      code: "requested",
      label: {
        en: "We have asked for an EHC needs assessment and are waiting for the council's decision",
        ur: "ہم نے EHC ضروریات کے جائزے (EHC needs assessment) کی درخواست دی ہے اور کونسل کے فیصلے کا انتظار کر رہے ہیں",
      },
    },
    {
      code: "refused_assess",
      label: {
        en: "The council refused to carry out an EHC needs assessment",
        ur: "کونسل نے EHC ضروریات کا جائزہ لینے سے انکار کر دیا",
      },
    },
    {
      code: "in_assessment",
      label: {
        en: "The EHC needs assessment is happening now",
        ur: "EHC ضروریات کا جائزہ اس وقت جاری ہے",
      },
    },
    {
      code: "refused_issue",
      label: {
        en: "The council assessed my child but decided not to issue an EHC plan",
        ur: "کونسل نے میرے بچے کا جائزہ لیا لیکن EHC پلان جاری نہ کرنے کا فیصلہ کیا",
      },
    },
    {
      code: "draft",
      label: {
        en: "We have a draft EHC plan",
        ur: "ہمارے پاس EHC پلان کا مسودہ (ڈرافٹ) ہے",
      },
    },
    {
      code: "final",
      label: {
        en: "My child has a final EHC plan",
        ur: "میرے بچے کا حتمی EHC پلان جاری ہو چکا ہے",
      },
    },
    {
      code: "ceased",
      label: {
        en: "My child had an EHC plan but it has ended",
        ur: "میرے بچے کا EHC پلان تھا لیکن اب ختم ہو چکا ہے",
      },
    },
    { code: "not_sure", label: { en: "Not sure", ur: "مجھے یقین نہیں" } },
  ],
  setting_type: [
    {
      code: "early_years_setting",
      label: {
        en: "Early years setting (nursery, pre-school or childminder)",
        ur: "ابتدائی سالوں کا ادارہ (نرسری، پری اسکول یا چائلڈ مائنڈر)",
      },
    },
    { code: "mainstream", label: { en: "Mainstream school", ur: "عام (مین اسٹریم) اسکول" } },
    {
      code: "resource_base",
      label: {
        en: "Resource base or SEN unit in a mainstream school",
        ur: "مین اسٹریم اسکول میں ریسورس بیس یا SEN یونٹ",
      },
    },
    { code: "special", label: { en: "Special school", ur: "خصوصی (اسپیشل) اسکول" } },
    {
      code: "independent_special",
      label: {
        en: "Independent or non-maintained special school",
        ur: "آزاد (انڈیپنڈنٹ) یا غیر سرکاری خصوصی اسکول",
      },
    },
    {
      code: "alternative_provision",
      label: {
        en: "Alternative provision or pupil referral unit",
        ur: "متبادل تعلیمی انتظام (الٹرنیٹو پروویژن) یا پیوپل ریفرل یونٹ",
      },
    },
    {
      code: "eotas",
      label: {
        en: "Education otherwise than at school (EOTAS)",
        ur: "اسکول کے علاوہ کسی اور طریقے سے تعلیم (EOTAS)",
      },
    },
    {
      code: "home_education",
      label: { en: "Home education chosen by the family", ur: "گھر پر تعلیم، جو خاندان نے خود منتخب کی ہو" },
    },
    {
      code: "no_place",
      label: { en: "No school or college place at the moment", ur: "اس وقت کسی اسکول یا کالج میں جگہ نہیں ہے" },
    },
    {
      code: "college",
      label: {
        en: "College, sixth form college or training provider",
        ur: "کالج، سکستھ فارم کالج یا تربیتی ادارہ",
      },
    },
    {
      code: "neet",
      label: {
        en: "Not in education, employment or training",
        ur: "نہ تعلیم میں، نہ ملازمت میں اور نہ کسی تربیت میں",
      },
    },
  ],
  primary_need: [
    {
      code: "spld",
      label: {
        en: "Specific learning difficulty (for example dyslexia)",
        ur: "سیکھنے کی مخصوص دشواری (مثال کے طور پر ڈسلیکسیا)",
      },
    },
    { code: "mld", label: { en: "Moderate learning difficulty", ur: "سیکھنے کی درمیانے درجے کی دشواری" } },
    { code: "sld", label: { en: "Severe learning difficulty", ur: "سیکھنے کی شدید دشواری" } },
    {
      code: "pmld",
      label: { en: "Profound and multiple learning difficulty", ur: "سیکھنے کی انتہائی شدید اور متعدد دشواریاں" },
    },
    { code: "semh", label: { en: "Social, emotional and mental health", ur: "سماجی، جذباتی اور ذہنی صحت" } },
    {
      code: "slcn",
      label: {
        en: "Speech, language and communication needs",
        ur: "بول چال، زبان اور بات چیت (کمیونیکیشن) کی ضروریات",
      },
    },
    { code: "hi", label: { en: "Hearing impairment", ur: "سماعت کی کمزوری" } },
    { code: "vi", label: { en: "Vision impairment", ur: "بینائی کی کمزوری" } },
    {
      code: "msi",
      label: {
        en: "Multi-sensory impairment (for example deafblindness)",
        ur: "ایک سے زیادہ حسی کمزوریاں (مثال کے طور پر سماعت اور بینائی دونوں کی کمزوری)",
      },
    },
    { code: "pd", label: { en: "Physical disability", ur: "جسمانی معذوری" } },
    { code: "asd", label: { en: "Autism", ur: "آٹزم" } },
    { code: "other", label: { en: "Other difficulty or disability", ur: "کوئی اور دشواری یا معذوری" } },
    {
      code: "nsa",
      label: {
        en: "SEN support but no specialist assessment of type of need",
        ur: "SEN سپورٹ، لیکن ضرورت کی قسم کا کسی ماہر نے جائزہ نہیں لیا",
      },
    },
    { code: "not_sure", label: { en: "Not sure", ur: "مجھے یقین نہیں" } },
  ],
  district: [
    { code: "edgbaston", label: { en: "Edgbaston", ur: "ایجبسٹن" } },
    { code: "erdington", label: { en: "Erdington", ur: "ارڈنگٹن" } },
    { code: "hall_green", label: { en: "Hall Green", ur: "ہال گرین" } },
    { code: "hodge_hill", label: { en: "Hodge Hill", ur: "ہاج ہل" } },
    { code: "ladywood", label: { en: "Ladywood", ur: "لیڈی وڈ" } },
    { code: "northfield", label: { en: "Northfield", ur: "نارتھ فیلڈ" } },
    { code: "perry_barr", label: { en: "Perry Barr", ur: "پیری بار" } },
    { code: "selly_oak", label: { en: "Selly Oak", ur: "سیلی اوک" } },
    { code: "sutton_coldfield", label: { en: "Sutton Coldfield", ur: "سٹن کولڈفیلڈ" } },
    { code: "yardley", label: { en: "Yardley", ur: "یارڈلی" } },
    { code: "outside_area", label: { en: "Outside Birmingham", ur: "برمنگھم سے باہر" } },
  ],
};

function copy(option: SurveyOption): SurveyOption {
  return { code: option.code, label: { ...option.label } };
}

/**
 * A fresh copy of a scale's options, with extra options appended in the order given: the
 * spec's "AGREE5 + `dont_know`" is `scaleOptions("AGREE5", "dont_know")`.
 */
export function scaleOptions(scale: ScaleName, ...extras: ExtraOptionCode[]): SurveyOption[] {
  return [...SCALES[scale], ...extras.map((code) => EXTRA_OPTIONS[code])].map(copy);
}

/** A fresh copy of a segment question's options. */
export function segmentOptions(segment: SegmentCode): SurveyOption[] {
  return SEGMENT_OPTIONS[segment].map(copy);
}
