/**
 * The parents' survey's questions about the EHC needs assessment and the plan itself, asked only
 * of families the ehcp_stage answer routes to them (the KPI contract's routing).
 */
import type { LocalText, SurveyQuestion } from "~/domain/survey";
import { scaleOptions } from "./options";

/** Routing: the EHC needs assessment questions. */
const ASSESSED = ["refused_assess", "refused_issue", "draft", "final"];
/** Routing: kept informed during the assessment, including while it is still happening. */
const ASSESSED_OR_IN_ASSESSMENT = ["refused_assess", "in_assessment", "refused_issue", "draft", "final"];
/** Routing: questions about the plan itself. */
const FINAL_PLAN = ["final"];

const PLAN_STATEMENT_HINT: LocalText = {
  en: "Thinking about your child's final EHC plan, how much do you agree or disagree?",
  ur: "اپنے بچے کے حتمی EHC پلان کے بارے میں سوچتے ہوئے بتائیں کہ آپ اس بات سے کس حد تک متفق یا غیر متفق ہیں۔",
  pa: "ਆਪਣੇ ਬੱਚੇ ਦੇ ਅੰਤਿਮ EHC ਪਲੈਨ ਬਾਰੇ ਸੋਚ ਕੇ ਦੱਸੋ ਕਿ ਤੁਸੀਂ ਇਸ ਗੱਲ ਨਾਲ ਕਿੰਨੇ ਸਹਿਮਤ ਜਾਂ ਅਸਹਿਮਤ ਹੋ।",
  bn: "আপনার সন্তানের চূড়ান্ত EHC প্ল্যানের কথা ভেবে বলুন, আপনি এই কথার সঙ্গে কতটা একমত বা একমত নন?",
  ar: "فكّر في خطة EHC النهائية لطفلك. إلى أي مدى توافق على هذه العبارة أو لا توافق عليها؟",
  pl: "Myśląc o ostatecznym planie EHC Państwa dziecka: w jakim stopniu zgadzają się Państwo z tym stwierdzeniem?",
  ro: "Gândindu-vă la planul EHC final al copilului dumneavoastră, în ce măsură sunteți de acord sau nu cu această afirmație?",
  so: "Ka fikir qorshaha EHC ee kama dambaysta ah ee ilmahaaga. Intee in le'eg ayaad ku raacsan tahay ama ka soo horjeeddaa odhaahdan?",
  ps: "د خپل ماشوم د وروستي EHC پلان په اړه فکر وکړئ. له دې خبرې سره تر کومه حده موافق یا مخالف یاست؟",
};

export const PLAN_QUESTIONS: SurveyQuestion[] = [
  {
    code: "assessment_satisfaction",
    type: "single_choice",
    role: "kpi",
    required: true,
    title: {
      en: "Overall, how satisfied or dissatisfied were you with the EHC needs assessment process?",
      ur: "مجموعی طور پر، آپ EHC ضروریات کے جائزے (EHC needs assessment) کے عمل سے کس حد تک مطمئن یا غیر مطمئن تھے؟",
      pa: "ਕੁੱਲ ਮਿਲਾ ਕੇ, ਤੁਸੀਂ EHC ਲੋੜਾਂ ਦੇ ਮੁਲਾਂਕਣ (EHC needs assessment) ਦੀ ਪ੍ਰਕਿਰਿਆ ਤੋਂ ਕਿੰਨੇ ਸੰਤੁਸ਼ਟ ਜਾਂ ਅਸੰਤੁਸ਼ਟ ਸੀ?",
      bn: "সব মিলিয়ে, EHC চাহিদা মূল্যায়নের (EHC needs assessment) প্রক্রিয়া নিয়ে আপনি কতটা সন্তুষ্ট বা অসন্তুষ্ট ছিলেন?",
      ar: "بشكل عام، ما مدى رضاك أو عدم رضاك عن عملية تقييم احتياجات EHC (EHC needs assessment)؟",
      pl: "Jak ogólnie byli Państwo zadowoleni lub niezadowoleni z procesu oceny potrzeb EHC (EHC needs assessment)?",
      ro: "Per ansamblu, cât de mulțumit(ă) sau nemulțumit(ă) ați fost de procesul de evaluare a nevoilor EHC (EHC needs assessment)?",
      so: "Guud ahaan, intee in le'eg ayaad ku qanacsanayd, ama kuma aadan qanacsanayn, habka qiimeynta baahiyaha EHC (EHC needs assessment)?",
      ps: "په ټوله کې، تاسو د EHC اړتیاوو د ارزونې (EHC needs assessment) له بهیر څخه څومره راضي یا ناراضه وئ؟",
    },
    hint: {
      en: "By the EHC needs assessment process we mean everything from asking for an assessment to the council's decision.",
      ur: "EHC ضروریات کے جائزے کے عمل سے ہماری مراد جائزے کی درخواست دینے سے لے کر کونسل کے فیصلے تک سب کچھ ہے۔",
      pa: "EHC ਲੋੜਾਂ ਦੇ ਮੁਲਾਂਕਣ ਦੀ ਪ੍ਰਕਿਰਿਆ ਤੋਂ ਸਾਡਾ ਮਤਲਬ ਹੈ ਮੁਲਾਂਕਣ ਲਈ ਬੇਨਤੀ ਕਰਨ ਤੋਂ ਲੈ ਕੇ ਕੌਂਸਲ ਦੇ ਫ਼ੈਸਲੇ ਤੱਕ ਸਭ ਕੁਝ।",
      bn: "EHC চাহিদা মূল্যায়নের প্রক্রিয়া বলতে আমরা মূল্যায়নের জন্য আবেদন করা থেকে শুরু করে কাউন্সিলের সিদ্ধান্ত পর্যন্ত সবকিছু বোঝাচ্ছি।",
      ar: "نقصد بعملية تقييم احتياجات EHC كل شيء، من طلب التقييم حتى قرار المجلس المحلي.",
      pl: "Przez proces oceny potrzeb EHC rozumiemy wszystko: od złożenia wniosku o ocenę do decyzji urzędu miasta.",
      ro: "Prin procesul de evaluare a nevoilor EHC înțelegem totul, de la cererea de evaluare până la decizia consiliului local.",
      so: "Habka qiimeynta baahiyaha EHC waxaan ula jeednaa wax walba, laga bilaabo codsiga qiimeynta ilaa go'aanka golaha deegaanka.",
      ps: "د EHC اړتیاوو د ارزونې له بهیر څخه زموږ مطلب ټول هغه څه دي چې د ارزونې له غوښتنې څخه تر کونسل د پرېکړې پورې کېږي.",
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
      pa: "EHC ਲੋੜਾਂ ਦੇ ਮੁਲਾਂਕਣ ਦੌਰਾਨ, ਤੁਹਾਨੂੰ ਕਿੰਨੀ ਵਾਰ ਦੱਸਿਆ ਜਾਂਦਾ ਸੀ ਕਿ ਕੀ ਹੋ ਰਿਹਾ ਹੈ ਅਤੇ ਕਦੋਂ ਹੋਵੇਗਾ?",
      bn: "EHC চাহিদা মূল্যায়নের সময় কী হচ্ছে এবং কখন হবে, তা আপনাকে কত ঘন ঘন জানানো হয়েছিল?",
      ar: "خلال تقييم احتياجات EHC، كم مرة كنتَ تُبلَّغ بما يجري ومتى سيحدث؟",
      pl: "Jak często w trakcie oceny potrzeb EHC informowano Państwa o tym, co się dzieje i kiedy?",
      ro: "În timpul evaluării nevoilor EHC, cât de des vi s-a spus ce se întâmplă și când?",
      so: "Inta ay socotay qiimeynta baahiyaha EHC, intee jeer ayaa lagu ogeysiin jiray waxa dhacaya iyo goorta?",
      ps: "د EHC اړتیاوو د ارزونې پر مهال، تاسو ته به څو ځله ویل کېدل چې څه کېږي او کله به کېږي؟",
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
      pa: '"ਪਲੈਨ ਵਿੱਚ ਮੇਰੇ ਬੱਚੇ ਦੀਆਂ ਲੋੜਾਂ ਸਹੀ ਢੰਗ ਨਾਲ ਦੱਸੀਆਂ ਗਈਆਂ ਹਨ।"',
      bn: '"প্ল্যানে আমার সন্তানের চাহিদাগুলো সঠিকভাবে বর্ণনা করা হয়েছে।"',
      ar: "«تصف الخطة احتياجات طفلي بدقة.»",
      pl: "„Plan dokładnie opisuje potrzeby mojego dziecka.”",
      ro: "„Planul descrie corect nevoile copilului meu.”",
      so: '"Qorshuhu si sax ah ayuu u qeexayaa baahiyaha ilmahayga."',
      ps: "«پلان زما د ماشوم اړتیاوې په سمه توګه بیانوي.»",
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
      pa: '"ਪਲੈਨ ਵਿੱਚ ਮੇਰੇ ਬੱਚੇ ਦੇ ਵਿਚਾਰ ਅਤੇ ਸਾਡੇ ਵਿਚਾਰ ਸ਼ਾਮਲ ਹਨ।"',
      bn: '"প্ল্যানে আমার সন্তানের মতামত এবং আমাদের মতামত প্রতিফলিত হয়েছে।"',
      ar: "«تعكس الخطة آراء طفلي وآراءنا.»",
      pl: "„Plan uwzględnia zdanie mojego dziecka i nasze zdanie.”",
      ro: "„Planul reflectă părerile copilului meu și părerile noastre.”",
      so: '"Qorshuhu wuxuu muujinayaa fikradaha ilmahayga iyo fikradahayaga."',
      ps: "«پلان زما د ماشوم نظرونه او زموږ نظرونه څرګندوي.»",
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
      pa: '"ਪਲੈਨ ਵਿਚਲੀ ਸਹਾਇਤਾ ਸਪਸ਼ਟ ਹੈ: ਇਸ ਵਿੱਚ ਲਿਖਿਆ ਹੈ ਕਿ ਸਹਾਇਤਾ ਕੌਣ ਦੇਵੇਗਾ, ਕੀ ਮਿਲੇਗਾ ਅਤੇ ਕਿੰਨਾ ਮਿਲੇਗਾ।"',
      bn: '"প্ল্যানে থাকা সহায়তা সুনির্দিষ্ট: কে দেবে, কী দেবে এবং কতটা দেবে, তা লেখা আছে।"',
      ar: "«الدعم المذكور في الخطة محدد: يوضح مَن يقدّمه، وما هو، وكم مقداره.»",
      pl: "„Wsparcie w planie jest konkretne: wiadomo, kto je zapewni, na czym polega i ile go będzie.”",
      ro: "„Sprijinul din plan este precis: spune cine îl oferă, ce anume și cât.”",
      so: '"Taageerada qorshaha ku jirta waa mid cad: waxay sheegaysaa cidda bixinaysa, waxa la bixinayo iyo inta le\'eg."',
      ps: "«په پلان کې ملاتړ روښانه او مشخص دی: دا وايي چې څوک به یې ورکوي، څه به وي او څومره به وي.»",
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
      pa: '"ਪਲੈਨ ਵਿਚਲੀ ਸਹਾਇਤਾ ਮੇਰੇ ਬੱਚੇ ਨੂੰ ਤੈਅ ਕੀਤੇ ਟੀਚੇ (outcomes) ਹਾਸਲ ਕਰਨ ਵਿੱਚ ਮਦਦ ਕਰੇਗੀ।"',
      bn: '"প্ল্যানে থাকা সহায়তা আমার সন্তানকে সম্মত লক্ষ্যগুলো (outcomes) অর্জন করতে সাহায্য করবে।"',
      ar: "«سيساعد الدعم المذكور في الخطة طفلي على تحقيق الأهداف المتفق عليها (outcomes).»",
      pl: "„Wsparcie z planu pomoże mojemu dziecku osiągnąć uzgodnione cele (outcomes).”",
      ro: "„Sprijinul din plan îl va ajuta pe copilul meu să atingă obiectivele stabilite (outcomes).”",
      so: '"Taageerada qorshaha ku jirta waxay ka caawin doontaa ilmahayga inuu gaaro yoolalka la isku raacay (outcomes)."',
      ps: "«په پلان کې ملاتړ به زما له ماشوم سره مرسته وکړي چې هغه موخې (outcomes) ترلاسه کړي چې پرې موافقه شوې.»",
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
      pa: "ਕੀ ਤੁਹਾਡੇ ਬੱਚੇ ਦੇ EHC ਪਲੈਨ ਵਿੱਚ ਲਿਖੀ ਸਹਾਇਤਾ ਇਸ ਵੇਲੇ ਦਿੱਤੀ ਜਾ ਰਹੀ ਹੈ?",
      bn: "আপনার সন্তানের EHC প্ল্যানে লেখা সহায়তা কি এখন দেওয়া হচ্ছে?",
      ar: "هل يُقدَّم الآن الدعم المكتوب في خطة EHC الخاصة بطفلك؟",
      pl: "Czy wsparcie zapisane w planie EHC Państwa dziecka jest teraz zapewniane?",
      ro: "Sprijinul scris în planul EHC al copilului dumneavoastră este oferit acum?",
      so: "Taageerada ku qoran qorshaha EHC ee ilmahaaga ma la bixinayaa hadda?",
      ps: "آیا هغه ملاتړ چې ستاسو د ماشوم په EHC پلان کې لیکل شوی، اوس ورکول کېږي؟",
    },
    hint: {
      en: "For example therapy, specialist teaching or help in class that the plan says your child must get.",
      ur: "مثال کے طور پر تھراپی، ماہر اساتذہ کی تدریس یا کلاس میں مدد، جو پلان کے مطابق آپ کے بچے کو لازمی ملنی چاہیے۔",
      pa: "ਜਿਵੇਂ ਥੈਰੇਪੀ, ਮਾਹਰ ਅਧਿਆਪਕਾਂ ਵੱਲੋਂ ਪੜ੍ਹਾਈ ਜਾਂ ਕਲਾਸ ਵਿੱਚ ਮਦਦ, ਜੋ ਪਲੈਨ ਅਨੁਸਾਰ ਤੁਹਾਡੇ ਬੱਚੇ ਨੂੰ ਜ਼ਰੂਰ ਮਿਲਣੀ ਚਾਹੀਦੀ ਹੈ।",
      bn: "যেমন থেরাপি, বিশেষজ্ঞ শিক্ষকের পাঠদান বা ক্লাসে সাহায্য, যা প্ল্যান অনুযায়ী আপনার সন্তানকে অবশ্যই দিতে হবে।",
      ar: "مثل العلاج، أو التدريس المتخصص، أو المساعدة في الصف، مما تنص الخطة على وجوب حصول طفلك عليه.",
      pl: "Na przykład terapia, zajęcia ze specjalistą lub pomoc w klasie, które według planu Państwa dziecko musi otrzymać.",
      ro: "De exemplu terapie, predare de specialitate sau ajutor la clasă, pe care planul spune că trebuie să le primească copilul dumneavoastră.",
      so: "Tusaale ahaan daaweyn (therapy), waxbarid takhasus leh ama caawimaad fasalka dhexdiisa ah, oo qorshuhu leeyahay waa in ilmahaaga la siiyaa.",
      ps: "د بېلګې په توګه درملنه (تراپي)، د متخصص ښوونکي تدریس یا په ټولګي کې مرسته، چې د پلان له مخې باید ستاسو ماشوم ته ورکړل شي.",
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
      pa: '"EHC ਪਲੈਨ ਨਾਲ ਮੇਰੇ ਬੱਚੇ ਦਾ ਪੜ੍ਹਾਈ ਦਾ ਤਜਰਬਾ ਬਿਹਤਰ ਹੋਇਆ ਹੈ।"',
      bn: '"EHC প্ল্যানের ফলে আমার সন্তানের শিক্ষার অভিজ্ঞতা আরও ভালো হয়েছে।"',
      ar: "«حسّنت خطة EHC تجربة طفلي في التعليم.»",
      pl: "„Plan EHC poprawił doświadczenia mojego dziecka związane z nauką.”",
      ro: "„Planul EHC a îmbunătățit experiența de învățare a copilului meu.”",
      so: '"Qorshaha EHC wuxuu hagaajiyay khibradda waxbarasho ee ilmahayga."',
      ps: "«EHC پلان زما د ماشوم د زده کړې تجربه ښه کړې ده.»",
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
      pa: "ਤੁਹਾਡੇ ਬੱਚੇ ਦੀ ਪਿਛਲੀ ਸਾਲਾਨਾ ਸਮੀਖਿਆ ਮੀਟਿੰਗ (annual review) ਤੋਂ ਬਾਅਦ, ਕੀ ਤੁਹਾਨੂੰ 4 ਹਫ਼ਤਿਆਂ ਦੇ ਅੰਦਰ ਕੌਂਸਲ ਦਾ ਫ਼ੈਸਲਾ ਮਿਲ ਗਿਆ ਸੀ?",
      bn: "আপনার সন্তানের শেষ বার্ষিক পর্যালোচনা সভার (annual review) পরে, আপনি কি 4 সপ্তাহের মধ্যে কাউন্সিলের সিদ্ধান্ত পেয়েছিলেন?",
      ar: "بعد آخر اجتماع للمراجعة السنوية (annual review) لطفلك، هل تلقيت قرار المجلس المحلي خلال 4 أسابيع؟",
      pl: "Czy po ostatnim spotkaniu w sprawie corocznego przeglądu (annual review) Państwa dziecka otrzymali Państwo decyzję urzędu miasta w ciągu 4 tygodni?",
      ro: "După ultima ședință de revizuire anuală (annual review) a copilului dumneavoastră, ați primit decizia consiliului local în 4 săptămâni?",
      so: "Kulankii ugu dambeeyay ee dib-u-eegista sannadeed (annual review) ee ilmahaaga kadib, ma heshay go'aanka golaha deegaanka 4 toddobaad gudahood?",
      ps: "ستاسو د ماشوم د وروستۍ کلنۍ بیاکتنې له غونډې (annual review) وروسته، آیا تاسو د 4 اونیو په ترڅ کې د کونسل پرېکړه ترلاسه کړه؟",
    },
    hint: {
      en:
        "After each annual review the council must tell you within 4 weeks whether it will keep, change or end the " +
        'plan. If your child has not had an annual review yet, choose "Don\'t know".',
      ur:
        "ہر سالانہ جائزے کے بعد کونسل کو 4 ہفتوں کے اندر آپ کو بتانا ہوتا ہے کہ وہ پلان کو برقرار رکھے گی، اس میں " +
        'تبدیلی کرے گی یا اسے ختم کرے گی۔ اگر آپ کے بچے کا ابھی تک کوئی سالانہ جائزہ نہیں ہوا تو "معلوم نہیں" منتخب کریں۔',
      pa:
        "ਹਰ ਸਾਲਾਨਾ ਸਮੀਖਿਆ ਤੋਂ ਬਾਅਦ ਕੌਂਸਲ ਲਈ 4 ਹਫ਼ਤਿਆਂ ਦੇ ਅੰਦਰ ਤੁਹਾਨੂੰ ਇਹ ਦੱਸਣਾ ਜ਼ਰੂਰੀ ਹੈ ਕਿ ਉਹ ਪਲੈਨ ਨੂੰ ਜਾਰੀ ਰੱਖੇਗੀ, " +
        'ਬਦਲੇਗੀ ਜਾਂ ਖ਼ਤਮ ਕਰੇਗੀ। ਜੇ ਤੁਹਾਡੇ ਬੱਚੇ ਦੀ ਅਜੇ ਤੱਕ ਕੋਈ ਸਾਲਾਨਾ ਸਮੀਖਿਆ ਨਹੀਂ ਹੋਈ, ਤਾਂ "ਪਤਾ ਨਹੀਂ" ਚੁਣੋ।',
      bn:
        "প্রতিটি বার্ষিক পর্যালোচনার পরে কাউন্সিলকে 4 সপ্তাহের মধ্যে আপনাকে জানাতে হবে যে তারা প্ল্যানটি রাখবে, " +
        'বদলাবে নাকি শেষ করবে। আপনার সন্তানের যদি এখনও কোনো বার্ষিক পর্যালোচনা না হয়ে থাকে, তাহলে "জানি না" বেছে নিন।',
      ar:
        "بعد كل مراجعة سنوية، يجب أن يُبلغك المجلس المحلي خلال 4 أسابيع إن كان سيُبقي الخطة كما هي أو يغيّرها أو " +
        "يُنهيها. إذا لم تُجرَ لطفلك أي مراجعة سنوية بعد، فاختر «لا أعرف».",
      pl:
        "Po każdym corocznym przeglądzie urząd miasta musi w ciągu 4 tygodni poinformować Państwa, czy utrzyma, " +
        "zmieni, czy zakończy plan. Jeśli u Państwa dziecka nie było jeszcze corocznego przeglądu, prosimy wybrać " +
        "„Nie wiem”.",
      ro:
        "După fiecare revizuire anuală, consiliul local trebuie să vă spună în 4 săptămâni dacă păstrează, modifică " +
        "sau încheie planul. Dacă copilul dumneavoastră nu a avut încă o revizuire anuală, alegeți „Nu știu”.",
      so:
        "Dib-u-eegis sannadeed kasta kadib, golaha deegaanku waa inuu kuu sheegaa 4 toddobaad gudahood inuu qorshaha " +
        "sii hayn doono, beddeli doono ama joojin doono. Haddii aan ilmahaaga weli loo samayn dib-u-eegis sannadeed, " +
        'dooro "Ma aqaan".',
      ps:
        "له هرې کلنۍ بیاکتنې وروسته کونسل باید د 4 اونیو په ترڅ کې تاسو ته ووايي چې پلان به ساتي، بدلوي به یې که پای " +
        "ته به یې رسوي. که ستاسو ماشوم تر اوسه کلنۍ بیاکتنه نه وي لرلې، «نه پوهېږم» وټاکئ.",
    },
    options: scaleOptions("AR4"),
    showWhen: { question: "ehcp_stage", anyOf: [...FINAL_PLAN] },
  },
];
