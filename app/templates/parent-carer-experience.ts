/**
 * Default survey template `parent-carer-experience` (audience: parents and carers).
 * Question codes, option codes, scales and routing follow the KPI contract exactly (tests/fixtures/kpi-contract.md).
 */
import type { LocalText, SurveyDefinition } from "~/domain/survey";
import { scaleOptions, segmentOptions } from "./options";

/** Routing: the EHC needs assessment questions. */
const ASSESSED = ["refused_assess", "refused_issue", "draft", "final"];
/** Routing: kept informed during the assessment, including while it is still happening. */
const ASSESSED_OR_IN_ASSESSMENT = ["refused_assess", "in_assessment", "refused_issue", "draft", "final"];
/** Routing: questions about the plan itself. */
const FINAL_PLAN = ["final"];

const PLAN_STATEMENT_HINT: LocalText = {
  en: "Thinking about your child's final EHC plan, how much do you agree or disagree?",
  ur: "اپنے بچے کے حتمی EHC پلان کے بارے میں سوچتے ہوئے بتائیں کہ آپ اس بات سے کس حد تک متفق یا غیر متفق ہیں۔",
};

export const parentCarerExperience: SurveyDefinition = {
  title: {
    en: "Parent carer experience survey",
    ur: "والدین اور نگہداشت کرنے والوں کے تجربے کا سروے",
  },
  intro: {
    en:
      "This survey is for parents and carers of children and young people with special educational needs and " +
      "disabilities (SEND). Your answers help the Parent Carer Forum tell the SEND improvement board how families " +
      "really experience SEND services, and what needs to change. It takes about 8 minutes. If you have more than " +
      "one child with SEND, please answer about one of them.",
    ur:
      "یہ سروے ان والدین اور نگہداشت کرنے والوں کے لیے ہے جن کے بچوں یا نوجوانوں کو خصوصی تعلیمی ضروریات اور " +
      "معذوریاں (SEND) ہیں۔ آپ کے جوابات سے پیرنٹ کیرر فورم (Parent Carer Forum) کو SEND بہتری بورڈ " +
      "(SEND improvement board) کو یہ بتانے میں مدد ملتی ہے کہ خاندانوں کو SEND سروسز کا اصل تجربہ کیسا ہے اور کیا " +
      "بدلنے کی ضرورت ہے۔ اس میں تقریباً 8 منٹ لگتے ہیں۔ اگر آپ کے ایک سے زیادہ بچوں کو SEND ہے تو براہ کرم ان میں " +
      "سے کسی ایک بچے کے بارے میں جواب دیں۔",
  },
  audience: "parent_carer",
  minutes: 8,
  languages: ["en", "ur"],
  questions: [
    {
      code: "overall_experience",
      type: "single_choice",
      role: "kpi",
      required: true,
      title: {
        en: "Overall, how was your family's experience of support for special educational needs and disabilities (SEND) in the last 12 months?",
        ur: "مجموعی طور پر، پچھلے 12 مہینوں میں خصوصی تعلیمی ضروریات اور معذوریوں (SEND) کے لیے ملنے والی مدد کے بارے میں آپ کے خاندان کا تجربہ کیسا رہا؟",
      },
      hint: {
        en: "This includes support from school, college or nursery, the council and health services.",
        ur: "اس میں اسکول، کالج یا نرسری، کونسل اور صحت کی سروسز کی طرف سے ملنے والی مدد شامل ہے۔",
      },
      options: scaleOptions("FFT6"),
    },
    {
      code: "listened_to",
      type: "single_choice",
      role: "kpi",
      required: true,
      title: {
        en: 'Thinking about your contact with SEND services in the last 12 months: "I felt listened to."',
        ur: 'پچھلے 12 مہینوں میں SEND سروسز سے اپنے رابطے کے بارے میں سوچیں: "میری بات توجہ سے سنی گئی۔"',
      },
      hint: {
        en: 'How much do you agree or disagree? Choose "Not applicable" if you have had no contact with SEND services in the last 12 months.',
        ur: 'آپ اس بات سے کس حد تک متفق یا غیر متفق ہیں؟ اگر پچھلے 12 مہینوں میں آپ کا SEND سروسز سے کوئی رابطہ نہیں ہوا تو "لاگو نہیں ہوتا" منتخب کریں۔',
      },
      options: scaleOptions("AGREE5", "not_applicable"),
    },
    {
      code: "confidence_needs_met",
      type: "single_choice",
      role: "kpi",
      required: true,
      title: {
        en: "How confident are you that your child's special educational needs will be met?",
        ur: "آپ کو کس حد تک یقین ہے کہ آپ کے بچے کی خصوصی تعلیمی ضروریات پوری کی جائیں گی؟",
      },
      options: scaleOptions("CONF", "dont_know"),
    },
    {
      code: "ehcp_stage",
      type: "single_choice",
      role: "segment",
      required: false,
      title: {
        en: "Where is your child with an education, health and care (EHC) plan?",
        ur: "تعلیم، صحت اور نگہداشت (EHC) پلان کے سلسلے میں آپ کا بچہ کس مرحلے پر ہے؟",
      },
      hint: {
        en:
          "An EHC plan is a legal document from the council. It describes your child's needs and the support they must " +
          "get. Choose the answer that fits best now. Your answer decides which questions we ask next.",
        ur:
          "EHC پلان کونسل کی طرف سے جاری کی گئی ایک قانونی دستاویز ہے۔ اس میں آپ کے بچے کی ضروریات اور وہ مدد بیان " +
          "کی جاتی ہے جو اسے لازمی ملنی چاہیے۔ وہ جواب منتخب کریں جو اس وقت سب سے زیادہ مناسب ہو۔ آپ کے جواب کے مطابق " +
          "طے ہو گا کہ ہم آگے کون سے سوالات پوچھیں گے۔",
      },
      options: segmentOptions("ehcp_stage"),
    },
    {
      code: "assessment_satisfaction",
      type: "single_choice",
      role: "kpi",
      required: true,
      title: {
        en: "Overall, how satisfied or dissatisfied were you with the EHC needs assessment process?",
        ur: "مجموعی طور پر، آپ EHC ضروریات کے جائزے (EHC needs assessment) کے عمل سے کس حد تک مطمئن یا غیر مطمئن تھے؟",
      },
      hint: {
        en: "By the EHC needs assessment process we mean everything from asking for an assessment to the council's decision.",
        ur: "EHC ضروریات کے جائزے کے عمل سے ہماری مراد جائزے کی درخواست دینے سے لے کر کونسل کے فیصلے تک سب کچھ ہے۔",
      },
      options: scaleOptions("SAT5"),
      showWhen: { question: "ehcp_stage", anyOf: [...ASSESSED] },
    },
    {
      code: "kept_informed",
      type: "single_choice",
      role: "kpi",
      required: true,
      title: {
        en: "During the EHC needs assessment, how often were you kept informed about what was happening and when?",
        ur: "EHC ضروریات کے جائزے کے دوران، آپ کو کتنی بار اس بارے میں باخبر رکھا گیا کہ کیا ہو رہا ہے اور کب ہو گا؟",
      },
      options: scaleOptions("FREQ5"),
      showWhen: { question: "ehcp_stage", anyOf: [...ASSESSED_OR_IN_ASSESSMENT] },
    },
    {
      code: "plan_needs_accurate",
      type: "single_choice",
      role: "kpi",
      required: true,
      title: {
        en: '"The plan describes my child\'s needs accurately."',
        ur: '"پلان میں میرے بچے کی ضروریات درست طور پر بیان کی گئی ہیں۔"',
      },
      hint: { ...PLAN_STATEMENT_HINT },
      options: scaleOptions("AGREE5", "dont_know"),
      showWhen: { question: "ehcp_stage", anyOf: [...FINAL_PLAN] },
    },
    {
      code: "plan_views_reflected",
      type: "single_choice",
      role: "kpi",
      required: true,
      title: {
        en: '"The plan reflects my child\'s views and our views."',
        ur: '"پلان میں میرے بچے کے خیالات اور ہمارے خیالات کی عکاسی ہوتی ہے۔"',
      },
      hint: { ...PLAN_STATEMENT_HINT },
      options: scaleOptions("AGREE5", "dont_know"),
      showWhen: { question: "ehcp_stage", anyOf: [...FINAL_PLAN] },
    },
    {
      code: "plan_provision_specific",
      type: "single_choice",
      role: "kpi",
      required: true,
      title: {
        en: '"The support in the plan is specific: it says who, what and how much."',
        ur: '"پلان میں دی گئی مدد واضح اور مخصوص ہے: اس میں لکھا ہے کہ مدد کون دے گا، کیا مدد ملے گی اور کتنی ملے گی۔"',
      },
      hint: { ...PLAN_STATEMENT_HINT },
      options: scaleOptions("AGREE5", "dont_know"),
      showWhen: { question: "ehcp_stage", anyOf: [...FINAL_PLAN] },
    },
    {
      code: "plan_outcomes_achievable",
      type: "single_choice",
      role: "kpi",
      required: true,
      title: {
        en: '"The support in the plan will help my child achieve the outcomes agreed."',
        ur: '"پلان میں دی گئی مدد سے میرے بچے کو طے شدہ اہداف (outcomes) حاصل کرنے میں مدد ملے گی۔"',
      },
      hint: { ...PLAN_STATEMENT_HINT },
      options: scaleOptions("AGREE5", "dont_know"),
      showWhen: { question: "ehcp_stage", anyOf: [...FINAL_PLAN] },
    },
    {
      code: "provision_delivered",
      type: "single_choice",
      role: "kpi",
      required: true,
      title: {
        en: "Is the support written in your child's EHC plan being provided now?",
        ur: "کیا آپ کے بچے کے EHC پلان میں لکھی گئی مدد اس وقت فراہم کی جا رہی ہے؟",
      },
      hint: {
        en: "For example therapy, specialist teaching or help in class that the plan says your child must get.",
        ur: "مثال کے طور پر تھراپی، ماہر اساتذہ کی تدریس یا کلاس میں مدد، جو پلان کے مطابق آپ کے بچے کو لازمی ملنی چاہیے۔",
      },
      options: scaleOptions("DELIV"),
      showWhen: { question: "ehcp_stage", anyOf: [...FINAL_PLAN] },
    },
    {
      code: "plan_improved_education",
      type: "single_choice",
      role: "kpi",
      required: true,
      title: {
        en: '"The EHC plan has improved my child\'s experience of education."',
        ur: '"EHC پلان سے میرے بچے کے تعلیمی تجربے میں بہتری آئی ہے۔"',
      },
      hint: { ...PLAN_STATEMENT_HINT },
      options: scaleOptions("AGREE5", "dont_know"),
      showWhen: { question: "ehcp_stage", anyOf: [...FINAL_PLAN] },
    },
    {
      code: "annual_review_4_weeks",
      type: "single_choice",
      role: "kpi",
      required: true,
      title: {
        en: "After your child's last annual review meeting, did you get the council's decision within 4 weeks?",
        ur: "آپ کے بچے کی پچھلی سالانہ جائزہ میٹنگ (annual review) کے بعد، کیا آپ کو 4 ہفتوں کے اندر کونسل کا فیصلہ مل گیا تھا؟",
      },
      hint: {
        en:
          "After each annual review the council must tell you within 4 weeks whether it will keep, change or end the " +
          'plan. If your child has not had an annual review yet, choose "Don\'t know".',
        ur:
          "ہر سالانہ جائزے کے بعد کونسل کو 4 ہفتوں کے اندر آپ کو بتانا ہوتا ہے کہ وہ پلان کو برقرار رکھے گی، اس میں " +
          'تبدیلی کرے گی یا اسے ختم کرے گی۔ اگر آپ کے بچے کا ابھی تک کوئی سالانہ جائزہ نہیں ہوا تو "معلوم نہیں" منتخب کریں۔',
      },
      options: scaleOptions("AR4"),
      showWhen: { question: "ehcp_stage", anyOf: [...FINAL_PLAN] },
    },
    {
      code: "finding_information",
      type: "single_choice",
      role: "kpi",
      required: true,
      title: {
        en: "How easy or difficult was it to find the information you needed about SEND support (for example the Local Offer)?",
        ur: "SEND مدد کے بارے میں اپنی ضرورت کی معلومات (مثال کے طور پر لوکل آفر) تلاش کرنا کتنا آسان یا مشکل تھا؟",
      },
      hint: {
        en: "The Local Offer is the council's website about SEND services and support in the area.",
        ur: "لوکل آفر (Local Offer) کونسل کی ویب سائٹ ہے جس میں علاقے میں دستیاب SEND سروسز اور مدد کی معلومات دی گئی ہیں۔",
      },
      options: scaleOptions("EASE"),
    },
    {
      code: "feedback_leads_to_change",
      type: "single_choice",
      role: "kpi",
      required: true,
      title: {
        en: "Do you feel that feedback from families like yours leads to changes in SEND services?",
        ur: "کیا آپ کو لگتا ہے کہ آپ جیسے خاندانوں کی رائے (فیڈ بیک) سے SEND سروسز میں تبدیلیاں آتی ہیں؟",
      },
      options: scaleOptions("CHANGE"),
    },
    {
      code: "what_would_help",
      type: "text_long",
      role: "free_text",
      required: false,
      maxLength: 1000,
      title: {
        en: "What one thing would most improve SEND support for your family?",
        ur: "کون سی ایک چیز آپ کے خاندان کے لیے SEND مدد کو سب سے زیادہ بہتر بنا سکتی ہے؟",
      },
      hint: {
        en:
          "Please do not include names of people or schools, or anything else that could identify your child or family. " +
          "We check every answer before any of it is shared.",
        ur:
          "براہ کرم لوگوں یا اسکولوں کے نام، یا کوئی ایسی بات نہ لکھیں جس سے آپ کے بچے یا خاندان کی پہچان ہو سکے۔ " +
          "کوئی بھی جواب کسی کو دکھانے سے پہلے ہم اسے جانچتے ہیں۔",
      },
    },
    {
      code: "age_phase",
      type: "single_choice",
      role: "segment",
      required: false,
      title: {
        en: "Which stage of education is your child at?",
        ur: "آپ کا بچہ تعلیم کے کس مرحلے میں ہے؟",
      },
      hint: {
        en: "Choose the stage that matches your child's age now, even if they are not in a school or college.",
        ur: "وہ مرحلہ منتخب کریں جو آپ کے بچے کی موجودہ عمر کے مطابق ہو، چاہے وہ کسی اسکول یا کالج میں نہ ہو۔",
      },
      options: segmentOptions("age_phase"),
    },
    {
      code: "setting_type",
      type: "single_choice",
      role: "segment",
      required: false,
      title: {
        en: "Where does your child go to school or college now?",
        ur: "آپ کا بچہ اس وقت کس قسم کے اسکول یا کالج میں جاتا ہے؟",
      },
      options: segmentOptions("setting_type"),
    },
    {
      code: "primary_need",
      type: "single_choice",
      role: "segment",
      required: false,
      title: {
        en: "What is your child's main special educational need?",
        ur: "آپ کے بچے کی بنیادی خصوصی تعلیمی ضرورت کیا ہے؟",
      },
      hint: {
        en: "Choose the one that best describes their main need. Your child does not need a diagnosis.",
        ur: "وہ ایک جواب منتخب کریں جو ان کی بنیادی ضرورت کو سب سے بہتر بیان کرتا ہو۔ آپ کے بچے کی تشخیص (diagnosis) ہونا ضروری نہیں۔",
      },
      options: segmentOptions("primary_need"),
    },
    {
      code: "district",
      type: "single_choice",
      role: "segment",
      required: false,
      title: {
        en: "Which area of Birmingham do you live in?",
        ur: "آپ برمنگھم کے کس علاقے میں رہتے ہیں؟",
      },
      hint: {
        en: "These are Birmingham's parliamentary constituencies. If you are not sure, you can leave this question out.",
        ur: "یہ برمنگھم کے پارلیمانی حلقے ہیں۔ اگر آپ کو یقین نہیں تو آپ یہ سوال چھوڑ سکتے ہیں۔",
      },
      options: segmentOptions("district"),
    },
  ],
};
