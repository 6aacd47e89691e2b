/**
 * Default survey template `parent-carer-experience` (audience: parents and carers).
 * Question codes, option codes, scales and routing follow the KPI contract exactly (tests/fixtures/kpi-contract.md).
 * Every text is in English, Urdu, Punjabi (Gurmukhi), Bengali, Arabic, Polish, Romanian, Somali and Pashto.
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
  pa: "ਆਪਣੇ ਬੱਚੇ ਦੇ ਅੰਤਿਮ EHC ਪਲੈਨ ਬਾਰੇ ਸੋਚ ਕੇ ਦੱਸੋ ਕਿ ਤੁਸੀਂ ਇਸ ਗੱਲ ਨਾਲ ਕਿੰਨੇ ਸਹਿਮਤ ਜਾਂ ਅਸਹਿਮਤ ਹੋ।",
  bn: "আপনার সন্তানের চূড়ান্ত EHC প্ল্যানের কথা ভেবে বলুন, আপনি এই কথার সঙ্গে কতটা একমত বা একমত নন?",
  ar: "فكّر في خطة EHC النهائية لطفلك. إلى أي مدى توافق على هذه العبارة أو لا توافق عليها؟",
  pl: "Myśląc o ostatecznym planie EHC Państwa dziecka: w jakim stopniu zgadzają się Państwo z tym stwierdzeniem?",
  ro: "Gândindu-vă la planul EHC final al copilului dumneavoastră, în ce măsură sunteți de acord sau nu cu această afirmație?",
  so: "Ka fikir qorshaha EHC ee kama dambaysta ah ee ilmahaaga. Intee in le'eg ayaad ku raacsan tahay ama ka soo horjeeddaa odhaahdan?",
  ps: "د خپل ماشوم د وروستي EHC پلان په اړه فکر وکړئ. له دې خبرې سره تر کومه حده موافق یا مخالف یاست؟",
};

export const parentCarerExperience: SurveyDefinition = {
  title: {
    en: "Parent carer experience survey",
    ur: "والدین اور نگہداشت کرنے والوں کے تجربے کا سروے",
    pa: "ਮਾਪਿਆਂ ਅਤੇ ਦੇਖਭਾਲ ਕਰਨ ਵਾਲਿਆਂ ਦੇ ਤਜਰਬੇ ਬਾਰੇ ਸਰਵੇਖਣ",
    bn: "বাবা-মা ও পরিচর্যাকারীদের অভিজ্ঞতা বিষয়ক জরিপ",
    ar: "استبيان تجارب أولياء الأمور ومقدمي الرعاية",
    pl: "Ankieta o doświadczeniach rodziców i opiekunów",
    ro: "Chestionar despre experiența părinților și îngrijitorilor",
    so: "Sahanka khibradda waalidiinta iyo daryeelayaasha",
    ps: "د مور و پلار او پالونکو د تجربې سروې",
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
    pa:
      "ਇਹ ਸਰਵੇਖਣ ਉਨ੍ਹਾਂ ਮਾਪਿਆਂ ਅਤੇ ਦੇਖਭਾਲ ਕਰਨ ਵਾਲਿਆਂ ਲਈ ਹੈ ਜਿਨ੍ਹਾਂ ਦੇ ਬੱਚਿਆਂ ਜਾਂ ਨੌਜਵਾਨਾਂ ਨੂੰ ਵਿਸ਼ੇਸ਼ ਵਿੱਦਿਅਕ ਲੋੜਾਂ " +
      "ਅਤੇ ਅਪੰਗਤਾਵਾਂ (SEND) ਹਨ। ਤੁਹਾਡੇ ਜਵਾਬਾਂ ਨਾਲ ਪੇਰੈਂਟ ਕੇਅਰਰ ਫ਼ੋਰਮ (Parent Carer Forum) ਨੂੰ SEND ਸੁਧਾਰ ਬੋਰਡ " +
      "(SEND improvement board) ਨੂੰ ਇਹ ਦੱਸਣ ਵਿੱਚ ਮਦਦ ਮਿਲਦੀ ਹੈ ਕਿ ਪਰਿਵਾਰਾਂ ਦਾ SEND ਸੇਵਾਵਾਂ ਨਾਲ ਅਸਲ ਤਜਰਬਾ ਕਿਹੋ " +
      "ਜਿਹਾ ਹੈ, ਅਤੇ ਕੀ ਬਦਲਣ ਦੀ ਲੋੜ ਹੈ। ਇਸ ਵਿੱਚ ਲਗਭਗ 8 ਮਿੰਟ ਲੱਗਦੇ ਹਨ। ਜੇ ਤੁਹਾਡੇ ਇੱਕ ਤੋਂ ਵੱਧ ਬੱਚਿਆਂ ਨੂੰ SEND ਹੈ, " +
      "ਤਾਂ ਕਿਰਪਾ ਕਰਕੇ ਉਨ੍ਹਾਂ ਵਿੱਚੋਂ ਕਿਸੇ ਇੱਕ ਬੱਚੇ ਬਾਰੇ ਜਵਾਬ ਦਿਓ।",
    bn:
      "এই জরিপটি সেইসব বাবা-মা ও পরিচর্যাকারীদের জন্য, যাঁদের শিশু বা তরুণ বয়সী সন্তানের বিশেষ শিক্ষাগত চাহিদা ও " +
      "প্রতিবন্ধিতা (SEND) আছে। আপনার উত্তর প্যারেন্ট কেয়ারার ফোরামকে (Parent Carer Forum) SEND উন্নয়ন বোর্ডকে " +
      "(SEND improvement board) জানাতে সাহায্য করে যে SEND সেবা নিয়ে পরিবারগুলোর আসল অভিজ্ঞতা কেমন, এবং কী " +
      "বদলানো দরকার। এটি পূরণ করতে প্রায় 8 মিনিট লাগে। আপনার যদি SEND আছে এমন একাধিক সন্তান থাকে, তাহলে " +
      "অনুগ্রহ করে তাদের মধ্যে একজনের বিষয়ে উত্তর দিন।",
    ar:
      "هذا الاستبيان موجّه إلى أولياء أمور الأطفال والشباب ذوي الاحتياجات التعليمية الخاصة والإعاقات (SEND) وإلى " +
      "مقدمي الرعاية لهم. تساعد إجاباتك منتدى أولياء الأمور ومقدمي الرعاية (Parent Carer Forum) على أن يوضّح لمجلس " +
      "تحسين خدمات SEND (SEND improvement board) كيف تعيش الأسر تجربة خدمات SEND فعلًا، وما الذي يجب أن يتغيّر. " +
      "يستغرق ملء الاستبيان نحو 8 دقائق. إذا كان لديك أكثر من طفل من ذوي SEND، فيُرجى الإجابة عن طفل واحد منهم.",
    pl:
      "Ta ankieta jest dla rodziców i opiekunów dzieci i młodych osób ze specjalnymi potrzebami edukacyjnymi i " +
      "niepełnosprawnościami (SEND). Dzięki Państwa odpowiedziom Forum Rodziców i Opiekunów (Parent Carer Forum) może " +
      "pokazać radzie ds. poprawy usług SEND (SEND improvement board), jakie są prawdziwe doświadczenia rodzin z " +
      "usługami SEND i co trzeba zmienić. Wypełnienie ankiety zajmuje około 8 minut. Jeśli mają Państwo więcej niż " +
      "jedno dziecko z SEND, prosimy odpowiadać na temat jednego z nich.",
    ro:
      "Acest chestionar este pentru părinții și îngrijitorii copiilor și tinerilor cu cerințe educaționale speciale " +
      "și dizabilități (SEND). Răspunsurile dumneavoastră ajută Forumul Părinților și Îngrijitorilor (Parent Carer " +
      "Forum) să arate comitetului pentru îmbunătățirea serviciilor SEND (SEND improvement board) care este " +
      "experiența reală a familiilor cu serviciile SEND și ce trebuie schimbat. Durează aproximativ 8 minute. Dacă " +
      "aveți mai mulți copii cu SEND, vă rugăm să răspundeți despre unul dintre ei.",
    so:
      "Sahankan waxaa loogu talagalay waalidiinta iyo daryeelayaasha carruurta iyo dhallinyarada qaba baahiyo " +
      "waxbarasho oo gaar ah iyo naafonimo (SEND). Jawaabahaagu waxay ka caawinayaan Madasha Waalidiinta iyo " +
      "Daryeelayaasha (Parent Carer Forum) inay u sheegto guddiga horumarinta SEND (SEND improvement board) sida ay " +
      "qoysasku dhab ahaan ula kulmaan adeegyada SEND iyo waxa u baahan in la beddelo. Wuxuu qaadanayaa qiyaastii " +
      "8 daqiiqo. Haddii aad leedahay in ka badan hal ilmo oo qaba SEND, fadlan ka jawaab mid keliya oo ka mid ah.",
    ps:
      "دا سروې د هغو ماشومانو او ځوانانو د مور و پلار او پالونکو لپاره ده چې ځانګړې تعلیمي اړتیاوې او معلولیتونه " +
      "(SEND) لري. ستاسو ځوابونه د مور و پلار او پالونکو فورم (Parent Carer Forum) سره مرسته کوي چې د SEND د ښه " +
      "والي بورډ (SEND improvement board) ته ووايي چې د SEND له خدمتونو سره د کورنیو رښتینې تجربه څنګه ده، او څه " +
      "باید بدل شي. دا شاوخوا 8 دقیقې وخت نیسي. که ستاسو له یوه څخه زیات ماشومان SEND لري، مهرباني وکړئ یوازې د " +
      "یوه ماشوم په اړه ځواب ورکړئ.",
  },
  audience: "parent_carer",
  minutes: 8,
  languages: ["en", "ur", "pa", "bn", "ar", "pl", "ro", "so", "ps"],
  questions: [
    {
      code: "overall_experience",
      type: "single_choice",
      role: "kpi",
      required: true,
      title: {
        en: "Overall, how was your family's experience of support for special educational needs and disabilities (SEND) in the last 12 months?",
        ur: "مجموعی طور پر، پچھلے 12 مہینوں میں خصوصی تعلیمی ضروریات اور معذوریوں (SEND) کے لیے ملنے والی مدد کے بارے میں آپ کے خاندان کا تجربہ کیسا رہا؟",
        pa: "ਕੁੱਲ ਮਿਲਾ ਕੇ, ਪਿਛਲੇ 12 ਮਹੀਨਿਆਂ ਵਿੱਚ ਵਿਸ਼ੇਸ਼ ਵਿੱਦਿਅਕ ਲੋੜਾਂ ਅਤੇ ਅਪੰਗਤਾਵਾਂ (SEND) ਲਈ ਮਿਲੀ ਸਹਾਇਤਾ ਬਾਰੇ ਤੁਹਾਡੇ ਪਰਿਵਾਰ ਦਾ ਤਜਰਬਾ ਕਿਹੋ ਜਿਹਾ ਰਿਹਾ?",
        bn: "সব মিলিয়ে, গত 12 মাসে বিশেষ শিক্ষাগত চাহিদা ও প্রতিবন্ধিতার (SEND) জন্য পাওয়া সহায়তা নিয়ে আপনার পরিবারের অভিজ্ঞতা কেমন ছিল?",
        ar: "بشكل عام، كيف كانت تجربة أسرتك مع الدعم المقدَّم للاحتياجات التعليمية الخاصة والإعاقات (SEND) خلال الأشهر الـ12 الماضية؟",
        pl: "Jak ogólnie oceniają Państwo doświadczenia swojej rodziny ze wsparciem w zakresie specjalnych potrzeb edukacyjnych i niepełnosprawności (SEND) w ciągu ostatnich 12 miesięcy?",
        ro: "Per ansamblu, cum a fost experiența familiei dumneavoastră cu sprijinul pentru cerințe educaționale speciale și dizabilități (SEND) în ultimele 12 luni?",
        so: "Guud ahaan, sidee ayay ahayd khibradda qoyskaaga ee ku saabsan taageerada baahiyaha waxbarasho ee gaarka ah iyo naafonimada (SEND) 12-kii bilood ee u dambeeyay?",
        ps: "په ټوله کې، په تېرو 12 میاشتو کې د ځانګړو تعلیمي اړتیاوو او معلولیتونو (SEND) لپاره د ملاتړ په اړه ستاسو د کورنۍ تجربه څنګه وه؟",
      },
      hint: {
        en: "This includes support from school, college or nursery, the council and health services.",
        ur: "اس میں اسکول، کالج یا نرسری، کونسل اور صحت کی سروسز کی طرف سے ملنے والی مدد شامل ہے۔",
        pa: "ਇਸ ਵਿੱਚ ਸਕੂਲ, ਕਾਲਜ ਜਾਂ ਨਰਸਰੀ, ਕੌਂਸਲ ਅਤੇ ਸਿਹਤ ਸੇਵਾਵਾਂ ਤੋਂ ਮਿਲੀ ਸਹਾਇਤਾ ਸ਼ਾਮਲ ਹੈ।",
        bn: "এর মধ্যে স্কুল, কলেজ বা নার্সারি, কাউন্সিল এবং স্বাস্থ্য সেবা থেকে পাওয়া সহায়তা অন্তর্ভুক্ত।",
        ar: "يشمل ذلك الدعم من المدرسة أو الكلية أو الحضانة، ومن المجلس المحلي والخدمات الصحية.",
        pl: "Chodzi o wsparcie ze strony szkoły, college'u lub przedszkola, urzędu miasta i służby zdrowia.",
        ro: "Aici intră sprijinul de la școală, colegiu sau grădiniță, de la consiliul local și de la serviciile de sănătate.",
        so: "Tan waxaa ku jira taageerada dugsiga, kulliyadda ama xannaanada, golaha deegaanka iyo adeegyada caafimaadka.",
        ps: "په دې کې د ښوونځي، کالج یا وړکتون، کونسل او روغتیايي خدمتونو ملاتړ شامل دی.",
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
        pa: 'ਪਿਛਲੇ 12 ਮਹੀਨਿਆਂ ਵਿੱਚ SEND ਸੇਵਾਵਾਂ ਨਾਲ ਆਪਣੇ ਸੰਪਰਕ ਬਾਰੇ ਸੋਚੋ: "ਮੇਰੀ ਗੱਲ ਧਿਆਨ ਨਾਲ ਸੁਣੀ ਗਈ।"',
        bn: 'গত 12 মাসে SEND সেবার সঙ্গে আপনার যোগাযোগের কথা ভাবুন: "আমার কথা মন দিয়ে শোনা হয়েছে।"',
        ar: "فكّر في تواصلك مع خدمات SEND خلال الأشهر الـ12 الماضية: «شعرتُ بأنهم استمعوا إليّ.»",
        pl: "Proszę pomyśleć o kontaktach z usługami SEND w ciągu ostatnich 12 miesięcy: „Mam poczucie, że mnie wysłuchano.”",
        ro: "Gândiți-vă la contactul dumneavoastră cu serviciile SEND în ultimele 12 luni: „Am simțit că am fost ascultat(ă).”",
        so: 'Ka fikir xiriirkii aad la yeelatay adeegyada SEND 12-kii bilood ee u dambeeyay: "Waxaan dareemay in la i dhageystay."',
        ps: "په تېرو 12 میاشتو کې د SEND له خدمتونو سره د خپلو اړیکو په اړه فکر وکړئ: «ما احساس وکړ چې زما خبرو ته غوږ ونیول شو.»",
      },
      hint: {
        en: 'How much do you agree or disagree? Choose "Not applicable" if you have had no contact with SEND services in the last 12 months.',
        ur: 'آپ اس بات سے کس حد تک متفق یا غیر متفق ہیں؟ اگر پچھلے 12 مہینوں میں آپ کا SEND سروسز سے کوئی رابطہ نہیں ہوا تو "لاگو نہیں ہوتا" منتخب کریں۔',
        pa: 'ਤੁਸੀਂ ਇਸ ਗੱਲ ਨਾਲ ਕਿੰਨੇ ਸਹਿਮਤ ਜਾਂ ਅਸਹਿਮਤ ਹੋ? ਜੇ ਪਿਛਲੇ 12 ਮਹੀਨਿਆਂ ਵਿੱਚ ਤੁਹਾਡਾ SEND ਸੇਵਾਵਾਂ ਨਾਲ ਕੋਈ ਸੰਪਰਕ ਨਹੀਂ ਹੋਇਆ, ਤਾਂ "ਲਾਗੂ ਨਹੀਂ ਹੁੰਦਾ" ਚੁਣੋ।',
        bn: 'আপনি এই কথার সঙ্গে কতটা একমত বা একমত নন? গত 12 মাসে SEND সেবার সঙ্গে আপনার কোনো যোগাযোগ না হয়ে থাকলে "প্রযোজ্য নয়" বেছে নিন।',
        ar: "إلى أي مدى توافق على هذه العبارة أو لا توافق عليها؟ اختر «لا ينطبق» إذا لم يكن لك أي تواصل مع خدمات SEND خلال الأشهر الـ12 الماضية.",
        pl: "W jakim stopniu zgadzają się Państwo z tym stwierdzeniem? Jeśli w ciągu ostatnich 12 miesięcy nie mieli Państwo kontaktu z usługami SEND, prosimy wybrać „Nie dotyczy”.",
        ro: "În ce măsură sunteți de acord sau nu? Dacă nu ați avut niciun contact cu serviciile SEND în ultimele 12 luni, alegeți „Nu se aplică”.",
        so: 'Intee in le\'eg ayaad ku raacsan tahay ama ka soo horjeeddaa? Dooro "Ma khuseyso" haddii aadan wax xiriir ah la lahayn adeegyada SEND 12-kii bilood ee u dambeeyay.',
        ps: "تاسو تر کومه حده موافق یا مخالف یاست؟ که په تېرو 12 میاشتو کې د SEND له خدمتونو سره مو هېڅ اړیکه نه وي لرلې، «اړه نه لري» وټاکئ.",
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
        pa: "ਤੁਹਾਨੂੰ ਕਿੰਨਾ ਭਰੋਸਾ ਹੈ ਕਿ ਤੁਹਾਡੇ ਬੱਚੇ ਦੀਆਂ ਵਿਸ਼ੇਸ਼ ਵਿੱਦਿਅਕ ਲੋੜਾਂ ਪੂਰੀਆਂ ਕੀਤੀਆਂ ਜਾਣਗੀਆਂ?",
        bn: "আপনার সন্তানের বিশেষ শিক্ষাগত চাহিদা পূরণ হবে, এ বিষয়ে আপনার কতটা ভরসা আছে?",
        ar: "ما مدى ثقتك بأن الاحتياجات التعليمية الخاصة لطفلك ستُلبّى؟",
        pl: "W jakim stopniu ufają Państwo, że specjalne potrzeby edukacyjne Państwa dziecka zostaną zaspokojone?",
        ro: "Câtă încredere aveți că cerințele educaționale speciale ale copilului dumneavoastră vor fi îndeplinite?",
        so: "Intee in le'eg ayaad ku kalsoon tahay in baahiyaha waxbarasho ee gaarka ah ee ilmahaaga la dabooli doono?",
        ps: "تاسو څومره ډاډه یاست چې ستاسو د ماشوم ځانګړې تعلیمي اړتیاوې به پوره شي؟",
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
        pa: "ਸਿੱਖਿਆ, ਸਿਹਤ ਅਤੇ ਦੇਖਭਾਲ (EHC) ਪਲੈਨ ਦੇ ਮਾਮਲੇ ਵਿੱਚ ਤੁਹਾਡਾ ਬੱਚਾ ਕਿਸ ਪੜਾਅ 'ਤੇ ਹੈ?",
        bn: "শিক্ষা, স্বাস্থ্য ও পরিচর্যা (EHC) প্ল্যানের ক্ষেত্রে আপনার সন্তান এখন কোন পর্যায়ে আছে?",
        ar: "في أي مرحلة وصل طفلك فيما يخص خطة التعليم والصحة والرعاية (EHC)؟",
        pl: "Na jakim etapie jest Państwa dziecko, jeśli chodzi o plan edukacji, zdrowia i opieki (plan EHC)?",
        ro: "În ce etapă se află copilul dumneavoastră în privința planului de educație, sănătate și îngrijire (EHC)?",
        so: "Ilmahaagu halkee ayuu ka marayaa qorshaha waxbarashada, caafimaadka iyo daryeelka (EHC)?",
        ps: "ستاسو ماشوم د زده کړې، روغتیا او پاملرنې (EHC) پلان په برخه کې په کوم پړاو کې دی؟",
      },
      hint: {
        en:
          "An EHC plan is a legal document from the council. It describes your child's needs and the support they must " +
          "get. Choose the answer that fits best now. Your answer decides which questions we ask next.",
        ur:
          "EHC پلان کونسل کی طرف سے جاری کی گئی ایک قانونی دستاویز ہے۔ اس میں آپ کے بچے کی ضروریات اور وہ مدد بیان " +
          "کی جاتی ہے جو اسے لازمی ملنی چاہیے۔ وہ جواب منتخب کریں جو اس وقت سب سے زیادہ مناسب ہو۔ آپ کے جواب کے مطابق " +
          "طے ہو گا کہ ہم آگے کون سے سوالات پوچھیں گے۔",
        pa:
          "EHC ਪਲੈਨ ਕੌਂਸਲ ਵੱਲੋਂ ਜਾਰੀ ਕੀਤਾ ਗਿਆ ਇੱਕ ਕਾਨੂੰਨੀ ਦਸਤਾਵੇਜ਼ ਹੈ। ਇਸ ਵਿੱਚ ਤੁਹਾਡੇ ਬੱਚੇ ਦੀਆਂ ਲੋੜਾਂ ਅਤੇ ਉਹ ਸਹਾਇਤਾ " +
          "ਲਿਖੀ ਹੁੰਦੀ ਹੈ ਜੋ ਉਸਨੂੰ ਜ਼ਰੂਰ ਮਿਲਣੀ ਚਾਹੀਦੀ ਹੈ। ਉਹ ਜਵਾਬ ਚੁਣੋ ਜੋ ਇਸ ਵੇਲੇ ਸਭ ਤੋਂ ਵੱਧ ਢੁਕਦਾ ਹੈ। ਤੁਹਾਡੇ ਜਵਾਬ " +
          "ਤੋਂ ਤੈਅ ਹੋਵੇਗਾ ਕਿ ਅਸੀਂ ਅੱਗੇ ਕਿਹੜੇ ਸਵਾਲ ਪੁੱਛਾਂਗੇ।",
        bn:
          "EHC প্ল্যান হলো কাউন্সিলের দেওয়া একটি আইনি দলিল। এতে আপনার সন্তানের চাহিদা এবং যে সহায়তা তাকে অবশ্যই " +
          "দিতে হবে তা লেখা থাকে। এখন যে উত্তরটি সবচেয়ে বেশি মেলে, সেটি বেছে নিন। আপনার উত্তর অনুযায়ী আমরা পরের " +
          "প্রশ্নগুলো ঠিক করব।",
        ar:
          "خطة EHC وثيقة قانونية يصدرها المجلس المحلي. تصف احتياجات طفلك والدعم الذي يجب أن يحصل عليه. اختر الإجابة " +
          "الأنسب لوضعك الآن. تحدد إجابتك الأسئلة التي سنطرحها بعد ذلك.",
        pl:
          "Plan EHC to dokument prawny wydawany przez urząd miasta. Opisuje potrzeby dziecka i wsparcie, które dziecko " +
          "musi otrzymać. Prosimy wybrać odpowiedź, która teraz najlepiej pasuje. Od tej odpowiedzi zależy, o co " +
          "zapytamy dalej.",
        ro:
          "Planul EHC este un document legal emis de consiliul local. Descrie nevoile copilului dumneavoastră și " +
          "sprijinul pe care trebuie să îl primească. Alegeți răspunsul care se potrivește cel mai bine acum. Răspunsul " +
          "dumneavoastră stabilește ce întrebări vă punem în continuare.",
        so:
          "Qorshaha EHC waa dukumenti sharci ah oo ka yimaada golaha deegaanka. Wuxuu qeexayaa baahiyaha ilmahaaga iyo " +
          "taageerada ay qasab tahay in la siiyo. Dooro jawaabta hadda sida ugu fiican kuugu habboon. Jawaabtaadu " +
          "waxay go'aaminaysaa su'aalaha aan ku weydiinno marka xigta.",
        ps:
          "EHC پلان د کونسل له خوا یو قانوني سند دی. په دې کې ستاسو د ماشوم اړتیاوې او هغه ملاتړ لیکل شوی وي چې باید " +
          "ورته ورکړل شي. هغه ځواب وټاکئ چې اوس تر ټولو ښه برابر دی. ستاسو ځواب ټاکي چې موږ به وروسته کومې پوښتنې " +
          "وکړو.",
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
    {
      code: "finding_information",
      type: "single_choice",
      role: "kpi",
      required: true,
      title: {
        en: "How easy or difficult was it to find the information you needed about SEND support (for example the Local Offer)?",
        ur: "SEND مدد کے بارے میں اپنی ضرورت کی معلومات (مثال کے طور پر لوکل آفر) تلاش کرنا کتنا آسان یا مشکل تھا؟",
        pa: "SEND ਸਹਾਇਤਾ ਬਾਰੇ ਤੁਹਾਨੂੰ ਲੋੜੀਂਦੀ ਜਾਣਕਾਰੀ (ਜਿਵੇਂ ਲੋਕਲ ਆਫ਼ਰ) ਲੱਭਣਾ ਕਿੰਨਾ ਆਸਾਨ ਜਾਂ ਔਖਾ ਸੀ?",
        bn: "SEND সহায়তা সম্পর্কে আপনার প্রয়োজনীয় তথ্য (যেমন লোকাল অফার) খুঁজে পাওয়া কতটা সহজ বা কঠিন ছিল?",
        ar: "ما مدى سهولة أو صعوبة العثور على المعلومات التي احتجت إليها عن دعم SEND (مثل «العرض المحلي»)؟",
        pl: "Jak łatwo lub trudno było znaleźć potrzebne informacje o wsparciu SEND (na przykład w Local Offer)?",
        ro: "Cât de ușor sau de greu a fost să găsiți informațiile de care aveați nevoie despre sprijinul SEND (de exemplu pe Local Offer)?",
        so: "Intee in le'eg ayay u fududayd ama u adkayd inaad hesho macluumaadka aad uga baahnayd taageerada SEND (tusaale ahaan Local Offer)?",
        ps: "د SEND ملاتړ په اړه د اړینو معلوماتو موندل (د بېلګې په توګه لوکل آفر) څومره اسانه یا ستونزمن وو؟",
      },
      hint: {
        en: "The Local Offer is the council's website about SEND services and support in the area.",
        ur: "لوکل آفر (Local Offer) کونسل کی ویب سائٹ ہے جس میں علاقے میں دستیاب SEND سروسز اور مدد کی معلومات دی گئی ہیں۔",
        pa: "ਲੋਕਲ ਆਫ਼ਰ (Local Offer) ਕੌਂਸਲ ਦੀ ਵੈੱਬਸਾਈਟ ਹੈ, ਜਿਸ ਵਿੱਚ ਇਲਾਕੇ ਦੀਆਂ SEND ਸੇਵਾਵਾਂ ਅਤੇ ਸਹਾਇਤਾ ਬਾਰੇ ਜਾਣਕਾਰੀ ਹੈ।",
        bn: "লোকাল অফার (Local Offer) হলো কাউন্সিলের ওয়েবসাইট, যেখানে এলাকার SEND সেবা ও সহায়তার তথ্য আছে।",
        ar: "العرض المحلي (Local Offer) هو الموقع الإلكتروني للمجلس المحلي عن خدمات SEND والدعم المتاح في المنطقة.",
        pl: "Local Offer to strona internetowa urzędu miasta z informacjami o usługach i wsparciu SEND w okolicy.",
        ro: "Local Offer este site-ul consiliului local despre serviciile și sprijinul SEND din zonă.",
        so: "Local Offer waa bogga internetka ee golaha deegaanka, oo ku saabsan adeegyada iyo taageerada SEND ee deegaanka.",
        ps: "لوکل آفر (Local Offer) د کونسل ویب پاڼه ده چې په سیمه کې د SEND د خدمتونو او ملاتړ په اړه معلومات لري.",
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
        pa: "ਕੀ ਤੁਹਾਨੂੰ ਲੱਗਦਾ ਹੈ ਕਿ ਤੁਹਾਡੇ ਵਰਗੇ ਪਰਿਵਾਰਾਂ ਦੀ ਰਾਇ (ਫ਼ੀਡਬੈਕ) ਨਾਲ SEND ਸੇਵਾਵਾਂ ਵਿੱਚ ਤਬਦੀਲੀਆਂ ਆਉਂਦੀਆਂ ਹਨ?",
        bn: "আপনার কি মনে হয়, আপনার মতো পরিবারের মতামতের ফলে SEND সেবায় পরিবর্তন আসে?",
        ar: "هل تشعر بأن آراء الأسر مثل أسرتك تؤدي إلى تغييرات في خدمات SEND؟",
        pl: "Czy Państwa zdaniem opinie rodzin takich jak Państwa prowadzą do zmian w usługach SEND?",
        ro: "Simțiți că părerile familiilor ca a dumneavoastră duc la schimbări în serviciile SEND?",
        so: "Ma dareemaysaa in fikradaha qoysaska sida qoyskaaga oo kale ah ay isbeddel ku keenaan adeegyada SEND?",
        ps: "آیا تاسو احساس کوئ چې ستاسو په څېر د کورنیو نظرونه د SEND په خدمتونو کې د بدلون لامل کېږي؟",
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
        pa: "ਕਿਹੜੀ ਇੱਕ ਗੱਲ ਤੁਹਾਡੇ ਪਰਿਵਾਰ ਲਈ SEND ਸਹਾਇਤਾ ਨੂੰ ਸਭ ਤੋਂ ਵੱਧ ਬਿਹਤਰ ਬਣਾ ਸਕਦੀ ਹੈ?",
        bn: "কোন একটি বিষয় আপনার পরিবারের জন্য SEND সহায়তাকে সবচেয়ে বেশি উন্নত করবে?",
        ar: "ما الشيء الواحد الذي سيُحسّن دعم SEND لأسرتك أكثر من أي شيء آخر؟",
        pl: "Jaka jedna rzecz najbardziej poprawiłaby wsparcie SEND dla Państwa rodziny?",
        ro: "Care este lucrul care ar îmbunătăți cel mai mult sprijinul SEND pentru familia dumneavoastră?",
        so: "Waa maxay hal shay oo sida ugu weyn u hagaajin lahaa taageerada SEND ee qoyskaaga?",
        ps: "کوم یو شی به ستاسو د کورنۍ لپاره د SEND ملاتړ تر ټولو ډېر ښه کړي؟",
      },
      hint: {
        en:
          "Please do not include names of people or schools, or anything else that could identify your child or family. " +
          "We check every answer before any of it is shared.",
        ur:
          "براہ کرم لوگوں یا اسکولوں کے نام، یا کوئی ایسی بات نہ لکھیں جس سے آپ کے بچے یا خاندان کی پہچان ہو سکے۔ " +
          "کوئی بھی جواب کسی کو دکھانے سے پہلے ہم اسے جانچتے ہیں۔",
        pa:
          "ਕਿਰਪਾ ਕਰਕੇ ਲੋਕਾਂ ਜਾਂ ਸਕੂਲਾਂ ਦੇ ਨਾਮ, ਜਾਂ ਕੋਈ ਹੋਰ ਅਜਿਹੀ ਗੱਲ ਨਾ ਲਿਖੋ ਜਿਸ ਨਾਲ ਤੁਹਾਡੇ ਬੱਚੇ ਜਾਂ ਪਰਿਵਾਰ ਦੀ ਪਛਾਣ " +
          "ਹੋ ਸਕੇ। ਕੁਝ ਵੀ ਸਾਂਝਾ ਕਰਨ ਤੋਂ ਪਹਿਲਾਂ ਅਸੀਂ ਹਰ ਜਵਾਬ ਦੀ ਜਾਂਚ ਕਰਦੇ ਹਾਂ।",
        bn:
          "অনুগ্রহ করে মানুষ বা স্কুলের নাম, অথবা এমন কিছু লিখবেন না যা দিয়ে আপনার সন্তান বা পরিবারকে চেনা যেতে " +
          "পারে। কোনো অংশ শেয়ার করার আগে আমরা প্রতিটি উত্তর যাচাই করি।",
        ar: "يُرجى عدم ذكر أسماء أشخاص أو مدارس، أو أي شيء آخر قد يكشف هوية طفلك أو أسرتك. نراجع كل إجابة قبل مشاركة " + "أي جزء منها.",
        pl:
          "Prosimy nie podawać imion i nazwisk ani nazw szkół, ani niczego innego, po czym można by rozpoznać Państwa " +
          "dziecko lub rodzinę. Sprawdzamy każdą odpowiedź, zanim udostępnimy jakikolwiek jej fragment.",
        ro:
          "Vă rugăm să nu scrieți nume de persoane sau de școli și nimic altceva după care ar putea fi recunoscut " +
          "copilul sau familia dumneavoastră. Verificăm fiecare răspuns înainte de a împărtăși vreo parte din el.",
        so:
          "Fadlan ha ku qorin magacyada dadka ama dugsiyada, ama wax kale oo lagu aqoonsan karo ilmahaaga ama qoyskaaga. " +
          "Waxaan hubinnaa jawaab kasta ka hor inta aan qayb ka mid ah la wadaagin.",
        ps:
          "مهرباني وکړئ د خلکو یا ښوونځیو نومونه، یا بل داسې څه مه لیکئ چې ستاسو ماشوم یا کورنۍ پرې وپېژندل شي. موږ هر " +
          "ځواب ګورو، مخکې له دې چې کومه برخه یې له چا سره شریکه کړو.",
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
        pa: "ਤੁਹਾਡਾ ਬੱਚਾ ਸਿੱਖਿਆ ਦੇ ਕਿਸ ਪੜਾਅ 'ਤੇ ਹੈ?",
        bn: "আপনার সন্তান শিক্ষার কোন পর্যায়ে আছে?",
        ar: "في أي مرحلة تعليمية طفلك؟",
        pl: "Na jakim etapie edukacji jest Państwa dziecko?",
        ro: "În ce etapă de educație se află copilul dumneavoastră?",
        so: "Ilmahaagu heerkee waxbarasho ayuu marayaa?",
        ps: "ستاسو ماشوم د زده کړې په کوم پړاو کې دی؟",
      },
      hint: {
        en: "Choose the stage that matches your child's age now, even if they are not in a school or college.",
        ur: "وہ مرحلہ منتخب کریں جو آپ کے بچے کی موجودہ عمر کے مطابق ہو، چاہے وہ کسی اسکول یا کالج میں نہ ہو۔",
        pa: "ਉਹ ਪੜਾਅ ਚੁਣੋ ਜੋ ਤੁਹਾਡੇ ਬੱਚੇ ਦੀ ਮੌਜੂਦਾ ਉਮਰ ਨਾਲ ਮੇਲ ਖਾਂਦਾ ਹੈ, ਭਾਵੇਂ ਉਹ ਕਿਸੇ ਸਕੂਲ ਜਾਂ ਕਾਲਜ ਵਿੱਚ ਨਾ ਹੋਵੇ।",
        bn: "আপনার সন্তানের এখনকার বয়সের সঙ্গে যে পর্যায়টি মেলে, সেটি বেছে নিন, এমনকি সে কোনো স্কুল বা কলেজে না থাকলেও।",
        ar: "اختر المرحلة التي تناسب عمر طفلك الآن، حتى لو لم يكن في مدرسة أو كلية.",
        pl: "Prosimy wybrać etap odpowiadający obecnemu wiekowi dziecka, nawet jeśli nie chodzi ono do szkoły ani college'u.",
        ro: "Alegeți etapa care corespunde vârstei de acum a copilului, chiar dacă nu merge la școală sau la colegiu.",
        so: "Dooro heerka ku beegan da'da ilmahaaga hadda, xitaa haddii uusan dhigan dugsi ama kulliyad.",
        ps: "هغه پړاو وټاکئ چې ستاسو د ماشوم له اوسني عمر سره برابر دی، که څه هم هغه په ښوونځي یا کالج کې نه وي.",
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
        pa: "ਤੁਹਾਡਾ ਬੱਚਾ ਇਸ ਵੇਲੇ ਕਿਹੋ ਜਿਹੇ ਸਕੂਲ ਜਾਂ ਕਾਲਜ ਵਿੱਚ ਜਾਂਦਾ ਹੈ?",
        bn: "আপনার সন্তান এখন কোথায় স্কুল বা কলেজে যায়?",
        ar: "أين يدرس طفلك الآن؟",
        pl: "Gdzie obecnie uczy się Państwa dziecko?",
        ro: "Unde merge acum copilul dumneavoastră la școală sau la colegiu?",
        so: "Ilmahaagu hadda xaggee ayuu dugsi ama kulliyad ka dhigtaa?",
        ps: "ستاسو ماشوم اوس چېرته ښوونځي یا کالج ته ځي؟",
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
        pa: "ਤੁਹਾਡੇ ਬੱਚੇ ਦੀ ਮੁੱਖ ਵਿਸ਼ੇਸ਼ ਵਿੱਦਿਅਕ ਲੋੜ ਕੀ ਹੈ?",
        bn: "আপনার সন্তানের প্রধান বিশেষ শিক্ষাগত চাহিদা কী?",
        ar: "ما الاحتياج التعليمي الخاص الرئيسي لطفلك؟",
        pl: "Jaka jest główna specjalna potrzeba edukacyjna Państwa dziecka?",
        ro: "Care este principala cerință educațională specială a copilului dumneavoastră?",
        so: "Waa maxay baahida waxbarasho ee gaarka ah ee ugu weyn ee ilmahaaga?",
        ps: "ستاسو د ماشوم اصلي ځانګړې تعلیمي اړتیا څه ده؟",
      },
      hint: {
        en: "Choose the one that best describes their main need. Your child does not need a diagnosis.",
        ur: "وہ ایک جواب منتخب کریں جو ان کی بنیادی ضرورت کو سب سے بہتر بیان کرتا ہو۔ آپ کے بچے کی تشخیص (diagnosis) ہونا ضروری نہیں۔",
        pa: "ਉਹ ਇੱਕ ਜਵਾਬ ਚੁਣੋ ਜੋ ਬੱਚੇ ਦੀ ਮੁੱਖ ਲੋੜ ਨੂੰ ਸਭ ਤੋਂ ਵਧੀਆ ਦੱਸਦਾ ਹੈ। ਤੁਹਾਡੇ ਬੱਚੇ ਦੀ ਡਾਇਗਨੋਸਿਸ (diagnosis) ਹੋਣੀ ਜ਼ਰੂਰੀ ਨਹੀਂ।",
        bn: "সন্তানের প্রধান চাহিদাকে সবচেয়ে ভালোভাবে বোঝায় এমন একটি উত্তর বেছে নিন। আপনার সন্তানের রোগনির্ণয় (diagnosis) থাকা জরুরি নয়।",
        ar: "اختر الإجابة التي تصف احتياجه الرئيسي على أفضل وجه. لا يلزم أن يكون لدى طفلك تشخيص.",
        pl: "Prosimy wybrać odpowiedź, która najlepiej opisuje główną potrzebę dziecka. Dziecko nie musi mieć diagnozy.",
        ro: "Alegeți varianta care descrie cel mai bine nevoia principală a copilului. Copilul dumneavoastră nu are nevoie de un diagnostic.",
        so: "Dooro midka sida ugu fiican u qeexaya baahida ugu weyn ee ilmaha. Ilmahaagu uma baahna inuu haysto ogaansho rasmi ah (diagnosis).",
        ps: "هغه ځواب وټاکئ چې د ماشوم اصلي اړتیا تر ټولو ښه بیانوي. اړینه نه ده چې ستاسو ماشوم تشخیص ولري.",
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
        pa: "ਤੁਸੀਂ ਬਰਮਿੰਘਮ ਦੇ ਕਿਹੜੇ ਇਲਾਕੇ ਵਿੱਚ ਰਹਿੰਦੇ ਹੋ?",
        bn: "আপনি বার্মিংহামের কোন এলাকায় থাকেন?",
        ar: "في أي منطقة من برمنغهام تسكن؟",
        pl: "W której części Birmingham Państwo mieszkają?",
        ro: "În ce zonă din Birmingham locuiți?",
        so: "Birmingham qaybtee ayaad ku nooshahay?",
        ps: "تاسو د برمنګهام په کومه سیمه کې اوسېږئ؟",
      },
      hint: {
        en: "These are Birmingham's parliamentary constituencies. If you are not sure, you can leave this question out.",
        ur: "یہ برمنگھم کے پارلیمانی حلقے ہیں۔ اگر آپ کو یقین نہیں تو آپ یہ سوال چھوڑ سکتے ہیں۔",
        pa: "ਇਹ ਬਰਮਿੰਘਮ ਦੇ ਸੰਸਦੀ ਹਲਕੇ ਹਨ। ਜੇ ਤੁਹਾਨੂੰ ਪੱਕਾ ਪਤਾ ਨਹੀਂ, ਤਾਂ ਤੁਸੀਂ ਇਹ ਸਵਾਲ ਛੱਡ ਸਕਦੇ ਹੋ।",
        bn: "এগুলো বার্মিংহামের সংসদীয় নির্বাচনী এলাকা। আপনি নিশ্চিত না হলে এই প্রশ্নটি বাদ দিতে পারেন।",
        ar: "هذه هي الدوائر الانتخابية البرلمانية في برمنغهام. إذا لم تكن متأكدًا، يمكنك تخطي هذا السؤال.",
        pl: "To okręgi wyborcze do parlamentu w Birmingham. Jeśli nie są Państwo pewni, można pominąć to pytanie.",
        ro: "Acestea sunt circumscripțiile parlamentare din Birmingham. Dacă nu sunteți sigur(ă), puteți sări peste această întrebare.",
        so: "Kuwani waa degmooyinka doorashada baarlamaanka ee Birmingham. Haddii aadan hubin, waad ka boodi kartaa su'aashan.",
        ps: "دا د برمنګهام پارلماني حوزې دي. که ډاډه نه یاست، دا پوښتنه پرېښودلی شئ.",
      },
      options: segmentOptions("district"),
    },
  ],
};
