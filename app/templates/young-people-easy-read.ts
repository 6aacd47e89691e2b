/**
 * Default survey template `young-people-easy-read` (audience: children and young people, 16–25
 * and younger). The easy read version of K1, K2 and K13 (the KPI contract: "reported separately, never
 * pooled"): its own question codes, all starting `yp_`, so no parent KPI ever counts its answers
 * and its KPIs (K1_YP, K2_YP, K13_YP) count nothing else.
 *
 * Easy read: short sentences, one idea per question, plain words, and a 3-point scale most
 * positive first, which the public pages draw with faces (easyRead). Every translation keeps to
 * the same rules: English, Urdu, Punjabi (Gurmukhi), Bengali, Arabic, Polish, Romanian, Somali and
 * Pashto.
 */
import type { SurveyDefinition, SurveyOption } from "~/domain/survey";

// Functions, so each question holds its own copy of an option.
const dontKnow = (): SurveyOption => ({
  code: "dont_know",
  label: {
    en: "I don't know",
    ur: "مجھے نہیں معلوم",
    pa: "ਮੈਨੂੰ ਨਹੀਂ ਪਤਾ",
    bn: "আমি জানি না",
    ar: "لا أعرف",
    pl: "Nie wiem",
    ro: "Nu știu",
    so: "Ma aqaan",
    ps: "نه پوهېږم",
  },
});
const yes = (): SurveyOption => ({
  code: "yes",
  label: { en: "Yes", ur: "ہاں", pa: "ਹਾਂ", bn: "হ্যাঁ", ar: "نعم", pl: "Tak", ro: "Da", so: "Haa", ps: "هو" },
});
const no = (): SurveyOption => ({
  code: "no",
  label: { en: "No", ur: "نہیں", pa: "ਨਹੀਂ", bn: "না", ar: "لا", pl: "Nie", ro: "Nu", so: "Maya", ps: "نه" },
});

export const youngPeopleEasyRead: SurveyDefinition = {
  title: {
    en: "Children and young people's survey (easy read)",
    ur: "بچوں اور نوجوانوں کا سروے (آسان زبان میں)",
    pa: "ਬੱਚਿਆਂ ਅਤੇ ਨੌਜਵਾਨਾਂ ਲਈ ਸਰਵੇਖਣ (ਆਸਾਨ ਭਾਸ਼ਾ ਵਿੱਚ)",
    bn: "শিশু ও তরুণদের জরিপ (সহজ ভাষায়)",
    ar: "استبيان الأطفال والشباب (بلغة سهلة)",
    pl: "Ankieta dla dzieci i młodzieży (łatwa do czytania)",
    ro: "Chestionar pentru copii și tineri (ușor de citit)",
    so: "Sahanka carruurta iyo dhallinyarada (akhris fudud)",
    ps: "د ماشومانو او ځوانانو سروې (په اسانه ژبه)",
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
    pa:
      "ਇਹ ਸਰਵੇਖਣ ਉਨ੍ਹਾਂ ਬੱਚਿਆਂ ਅਤੇ ਨੌਜਵਾਨਾਂ ਲਈ ਹੈ ਜਿਨ੍ਹਾਂ ਨੂੰ ਵਾਧੂ ਮਦਦ ਮਿਲਦੀ ਹੈ। " +
      "ਇਹ ਸਿੱਖਣ ਵਿੱਚ ਮਦਦ ਹੋ ਸਕਦੀ ਹੈ। ਜਾਂ ਇਹ ਕਿਸੇ ਅਪੰਗਤਾ ਕਰਕੇ ਮਿਲਣ ਵਾਲੀ ਮਦਦ ਹੋ ਸਕਦੀ ਹੈ। " +
      "ਅਸੀਂ ਜਾਣਨਾ ਚਾਹੁੰਦੇ ਹਾਂ ਕਿ ਤੁਸੀਂ ਕੀ ਸੋਚਦੇ ਹੋ। ਇਸ ਵਿੱਚ 5 ਛੋਟੇ ਸਵਾਲ ਹਨ। ਤੁਸੀਂ ਕਿਸੇ ਤੋਂ ਮਦਦ ਲੈ ਸਕਦੇ ਹੋ।",
    bn:
      "এই জরিপটি সেইসব শিশু ও তরুণদের জন্য, যারা বাড়তি সাহায্য পায়। " +
      "এটা শেখার জন্য সাহায্য হতে পারে। অথবা কোনো প্রতিবন্ধিতার কারণে সাহায্য হতে পারে। " +
      "আমরা জানতে চাই তুমি কী ভাবো। এখানে 5টি ছোট প্রশ্ন আছে। তুমি কারও কাছে সাহায্য চাইতে পারো।",
    ar:
      "هذا الاستبيان للأطفال والشباب الذين يحصلون على مساعدة إضافية. " +
      "قد تكون مساعدة في التعلّم. أو مساعدة بسبب إعاقة. " +
      "نريد أن نعرف رأيك. هناك 5 أسئلة قصيرة. يمكنك أن تطلب من أحد أن يساعدك.",
    pl:
      "Ta ankieta jest dla dzieci i młodych osób, które dostają dodatkową pomoc. " +
      "Może to być pomoc w nauce. Albo pomoc z powodu niepełnosprawności. " +
      "Chcemy wiedzieć, co myślisz. Jest tu 5 krótkich pytań. Możesz poprosić kogoś o pomoc.",
    ro:
      "Acest chestionar este pentru copiii și tinerii care primesc ajutor în plus. " +
      "Poate fi ajutor la învățat. Sau ajutor din cauza unei dizabilități. " +
      "Vrem să știm ce crezi. Sunt 5 întrebări scurte. Poți cere cuiva să te ajute.",
    so:
      "Sahankan waxaa loogu talagalay carruurta iyo dhallinyarada hela caawimaad dheeraad ah. " +
      "Waxay noqon kartaa caawimaad xagga waxbarashada ah. Ama caawimaad naafonimo darteed ah. " +
      "Waxaan rabnaa inaan ogaanno waxaad ka fikirto. Waxaa jira 5 su'aalood oo gaagaaban. Qof ayaad ka codsan kartaa inuu ku caawiyo.",
    ps:
      "دا سروې د هغو ماشومانو او ځوانانو لپاره ده چې اضافي مرسته ترلاسه کوي. " +
      "دا کېدای شي په زده کړه کې مرسته وي. یا د معلولیت له امله مرسته وي. " +
      "موږ غواړو پوه شو چې تاسو څه فکر کوئ. دلته 5 لنډې پوښتنې دي. تاسو کولای شئ له چا مرسته وغواړئ.",
  },
  audience: "young_person",
  minutes: 3,
  languages: ["en", "ur", "pa", "bn", "ar", "pl", "ro", "so", "ps"],
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
        pa: "ਤੁਹਾਨੂੰ ਮਿਲਣ ਵਾਲੀ ਮਦਦ ਕਿੰਨੀ ਚੰਗੀ ਹੈ?",
        bn: "তুমি যে সাহায্য পাও, তা কতটা ভালো?",
        ar: "كيف هي المساعدة التي تحصل عليها؟",
        pl: "Jak dobra jest pomoc, którą dostajesz?",
        ro: "Cât de bun este ajutorul pe care îl primești?",
        so: "Caawimaadda aad hesho intee bay wanaagsan tahay?",
        ps: "هغه مرسته چې تاسو یې ترلاسه کوئ، څومره ښه ده؟",
      },
      hint: {
        en: "Think about help at school or college. Think about other support too.",
        ur: "اسکول یا کالج میں ملنے والی مدد کے بارے میں سوچیں۔ دوسری مدد کے بارے میں بھی سوچیں۔",
        pa: "ਸਕੂਲ ਜਾਂ ਕਾਲਜ ਵਿੱਚ ਮਿਲਣ ਵਾਲੀ ਮਦਦ ਬਾਰੇ ਸੋਚੋ। ਹੋਰ ਮਦਦ ਬਾਰੇ ਵੀ ਸੋਚੋ।",
        bn: "স্কুল বা কলেজে পাওয়া সাহায্যের কথা ভাবো। অন্য সাহায্যের কথাও ভাবো।",
        ar: "فكّر في المساعدة في المدرسة أو الكلية. وفكّر في أي مساعدة أخرى أيضًا.",
        pl: "Pomyśl o pomocy w szkole lub w college'u. Pomyśl też o innej pomocy.",
        ro: "Gândește-te la ajutorul de la școală sau de la colegiu. Gândește-te și la alt ajutor.",
        so: "Ka fikir caawimaadda dugsiga ama kulliyadda. Sidoo kale ka fikir taageero kale.",
        ps: "په ښوونځي یا کالج کې د مرستې په اړه فکر وکړئ. د نورې مرستې په اړه هم فکر وکړئ.",
      },
      options: [
        {
          code: "good",
          label: { en: "Good", ur: "اچھی", pa: "ਚੰਗੀ", bn: "ভালো", ar: "جيدة", pl: "Dobra", ro: "Bun", so: "Wanaagsan", ps: "ښه" },
        },
        {
          code: "ok",
          label: {
            en: "OK",
            ur: "ٹھیک ہے",
            pa: "ਠੀਕ ਹੈ",
            bn: "মোটামুটি",
            ar: "مقبولة",
            pl: "W porządku",
            ro: "E în regulă",
            so: "Caadi",
            ps: "سمه ده",
          },
        },
        {
          code: "not_good",
          label: {
            en: "Not good",
            ur: "اچھی نہیں",
            pa: "ਚੰਗੀ ਨਹੀਂ",
            bn: "ভালো না",
            ar: "ليست جيدة",
            pl: "Nie jest dobra",
            ro: "Nu e bun",
            so: "Ma wanaagsana",
            ps: "ښه نه ده",
          },
        },
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
        pa: "ਕੀ ਤੁਹਾਡੀ ਮਦਦ ਦੀ ਯੋਜਨਾ ਬਣਾਉਣ ਵਾਲੇ ਲੋਕ ਤੁਹਾਡੀ ਗੱਲ ਸੁਣਦੇ ਹਨ?",
        bn: "যারা তোমার সাহায্যের পরিকল্পনা করে, তারা কি তোমার কথা শোনে?",
        ar: "هل يستمع إليك الأشخاص الذين يخططون لمساعدتك؟",
        pl: "Czy osoby, które planują twoją pomoc, słuchają cię?",
        ro: "Te ascultă oamenii care îți plănuiesc ajutorul?",
        so: "Dadka qorsheeya caawimaaddaada ma ku dhageystaan?",
        ps: "آیا هغه خلک چې ستاسو د مرستې پلان جوړوي، ستاسو خبرو ته غوږ نیسي؟",
      },
      hint: {
        en: "For example, your teachers or your support worker.",
        ur: "مثال کے طور پر آپ کے استاد یا آپ کی مدد کرنے والا کارکن۔",
        pa: "ਜਿਵੇਂ ਤੁਹਾਡੇ ਅਧਿਆਪਕ ਜਾਂ ਉਹ ਵਿਅਕਤੀ ਜੋ ਤੁਹਾਡੀ ਮਦਦ ਕਰਦਾ ਹੈ।",
        bn: "যেমন তোমার শিক্ষকেরা বা যে মানুষটি তোমাকে সাহায্য করে।",
        ar: "مثل معلميك أو الشخص الذي يدعمك.",
        pl: "Na przykład twoi nauczyciele albo osoba, która cię wspiera.",
        ro: "De exemplu, profesorii tăi sau persoana care te sprijină.",
        so: "Tusaale ahaan, macallimiintaada ama qofka ku taageera.",
        ps: "د بېلګې په توګه ستاسو ښوونکي یا هغه څوک چې ستاسو ملاتړ کوي.",
      },
      options: [
        yes(),
        {
          code: "sometimes",
          label: {
            en: "Sometimes",
            ur: "کبھی کبھی",
            pa: "ਕਦੇ-ਕਦੇ",
            bn: "মাঝে মাঝে",
            ar: "أحيانًا",
            pl: "Czasami",
            ro: "Uneori",
            so: "Mararka qaar",
            ps: "کله کله",
          },
        },
        no(),
      ],
    },
    {
      code: "yp_feedback_leads_to_change",
      type: "single_choice",
      role: "kpi",
      required: true,
      title: {
        en: "When you say what you think, do things change?",
        ur: "جب آپ اپنی رائے بتاتے ہیں تو کیا چیزیں بدلتی ہیں؟",
        pa: "ਜਦੋਂ ਤੁਸੀਂ ਆਪਣੀ ਰਾਇ ਦੱਸਦੇ ਹੋ, ਤਾਂ ਕੀ ਚੀਜ਼ਾਂ ਬਦਲਦੀਆਂ ਹਨ?",
        bn: "তুমি যখন তোমার মত জানাও, তখন কি কিছু বদলায়?",
        ar: "عندما تقول رأيك، هل تتغيّر الأشياء؟",
        pl: "Kiedy mówisz, co myślisz, czy coś się zmienia?",
        ro: "Când spui ce crezi, se schimbă lucrurile?",
        so: "Markaad sheegto waxaad ka fikirto, wax ma isbeddelaan?",
        ps: "کله چې تاسو خپل نظر ووایئ، آیا شیان بدلېږي؟",
      },
      options: [
        yes(),
        {
          code: "a_bit",
          label: {
            en: "A bit",
            ur: "تھوڑا سا",
            pa: "ਥੋੜ੍ਹਾ ਜਿਹਾ",
            bn: "একটু",
            ar: "قليلًا",
            pl: "Trochę",
            ro: "Puțin",
            so: "Xoogaa",
            ps: "لږ څه",
          },
        },
        no(),
        dontKnow(),
      ],
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
        pa: "ਤੁਹਾਡੀ ਮਦਦ ਨੂੰ ਕਿਹੜੀ ਚੀਜ਼ ਬਿਹਤਰ ਬਣਾ ਸਕਦੀ ਹੈ?",
        bn: "কী হলে তোমার সাহায্য আরও ভালো হবে?",
        ar: "ما الذي يجعل مساعدتك أفضل؟",
        pl: "Co sprawiłoby, że twoja pomoc byłaby lepsza?",
        ro: "Ce ar face ajutorul tău mai bun?",
        so: "Maxaa caawimaaddaada ka dhigi lahaa mid ka wanaagsan?",
        ps: "څه شی به ستاسو مرسته ښه کړي؟",
      },
      hint: {
        en: "Please do not write anyone's name. We read every answer before we share it.",
        ur: "براہ کرم کسی کا نام نہ لکھیں۔ ہم ہر جواب کسی کو دکھانے سے پہلے پڑھتے ہیں۔",
        pa: "ਕਿਰਪਾ ਕਰਕੇ ਕਿਸੇ ਦਾ ਨਾਮ ਨਾ ਲਿਖੋ। ਅਸੀਂ ਹਰ ਜਵਾਬ ਸਾਂਝਾ ਕਰਨ ਤੋਂ ਪਹਿਲਾਂ ਪੜ੍ਹਦੇ ਹਾਂ।",
        bn: "দয়া করে কারও নাম লিখো না। আমরা প্রতিটি উত্তর শেয়ার করার আগে পড়ি।",
        ar: "من فضلك لا تكتب اسم أي شخص. نقرأ كل إجابة قبل أن نشاركها.",
        pl: "Prosimy, nie pisz niczyjego imienia. Czytamy każdą odpowiedź, zanim ją komuś pokażemy.",
        ro: "Te rugăm să nu scrii numele nimănui. Citim fiecare răspuns înainte să-l arătăm altora.",
        so: "Fadlan ha qorin magaca qofna. Jawaab kasta waan akhrinnaa ka hor inta aanan la wadaagin.",
        ps: "مهرباني وکړئ د هېچا نوم مه لیکئ. موږ هر ځواب لولو، مخکې له دې چې شریک یې کړو.",
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
        pa: "ਤੁਹਾਡੀ ਉਮਰ ਕਿੰਨੀ ਹੈ?",
        bn: "তোমার বয়স কত?",
        ar: "كم عمرك؟",
        pl: "Ile masz lat?",
        ro: "Câți ani ai?",
        so: "Imisa jir baad tahay?",
        ps: "ستاسو عمر څو کاله دی؟",
      },
      // Codes start with a letter, as every code must (app/schemas/survey-definition.ts).
      options: [
        {
          code: "under_11",
          label: {
            en: "Under 11",
            ur: "11 سال سے کم",
            pa: "11 ਸਾਲ ਤੋਂ ਘੱਟ",
            bn: "11 বছরের কম",
            ar: "أقل من 11 سنة",
            pl: "Poniżej 11 lat",
            ro: "Sub 11 ani",
            so: "Ka yar 11 sano",
            ps: "له 11 کلونو کم",
          },
        },
        {
          code: "age_11_15",
          label: {
            en: "11 to 15",
            ur: "11 سے 15 سال",
            pa: "11 ਤੋਂ 15 ਸਾਲ",
            bn: "11 থেকে 15 বছর",
            ar: "من 11 إلى 15 سنة",
            pl: "Od 11 do 15 lat",
            ro: "Între 11 și 15 ani",
            so: "11 ilaa 15 sano",
            ps: "له 11 تر 15 کلونو",
          },
        },
        {
          code: "age_16_18",
          label: {
            en: "16 to 18",
            ur: "16 سے 18 سال",
            pa: "16 ਤੋਂ 18 ਸਾਲ",
            bn: "16 থেকে 18 বছর",
            ar: "من 16 إلى 18 سنة",
            pl: "Od 16 do 18 lat",
            ro: "Între 16 și 18 ani",
            so: "16 ilaa 18 sano",
            ps: "له 16 تر 18 کلونو",
          },
        },
        {
          code: "age_19_25",
          label: {
            en: "19 to 25",
            ur: "19 سے 25 سال",
            pa: "19 ਤੋਂ 25 ਸਾਲ",
            bn: "19 থেকে 25 বছর",
            ar: "من 19 إلى 25 سنة",
            pl: "Od 19 do 25 lat",
            ro: "Între 19 și 25 de ani",
            so: "19 ilaa 25 sano",
            ps: "له 19 تر 25 کلونو",
          },
        },
      ],
    },
  ],
};
