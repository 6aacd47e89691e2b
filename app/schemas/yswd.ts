import * as z from "zod";
import {
  INVOLVEMENT_LEVELS,
  YSWD_STATUSES,
  YSWD_VISIBILITIES,
  type InvolvementLevel,
  type YswdStatus,
  type YswdVisibility,
} from "~/domain/yswd";

/**
 * The "you said, we did" item form (admin draft and edit pages): the values as typed, kept to
 * refill the form after a failed POST (it works without JavaScript), and the schema that turns
 * them into what the model saves. Database checks (themes, survey, KPI, quotes) are the model's.
 */
export interface ItemFormValues {
  title: string;
  themes: string[];
  saidPlain: string;
  saidEasyRead: string;
  survey: string;
  period: string;
  kpi: string;
  /** "segment_type:segment_value", or "" for the whole survey. */
  segment: string;
  quotes: string[];
  whatDone: string;
  notPossibleReason: string;
  involvement: string;
  ownerOrg: string;
  ownerRole: string;
  visibility: string;
  status: string;
  raisedOn: string;
  responsePublishedOn: string;
  targetOn: string;
  completedOn: string;
  nextReviewOn: string;
  urTitle: string;
  urSaidPlain: string;
  urSaidEasyRead: string;
  urWhatDone: string;
  urNotPossibleReason: string;
}

export const EMPTY_ITEM_FORM: ItemFormValues = {
  title: "",
  themes: [],
  saidPlain: "",
  saidEasyRead: "",
  survey: "",
  period: "",
  kpi: "",
  segment: "",
  quotes: [],
  whatDone: "",
  notPossibleReason: "",
  involvement: "consult",
  ownerOrg: "",
  ownerRole: "",
  visibility: "public",
  status: "received",
  raisedOn: "",
  responsePublishedOn: "",
  targetOn: "",
  completedOn: "",
  nextReviewOn: "",
  urTitle: "",
  urSaidPlain: "",
  urSaidEasyRead: "",
  urWhatDone: "",
  urNotPossibleReason: "",
};

const TEXT_FIELDS = (Object.keys(EMPTY_ITEM_FORM) as (keyof ItemFormValues)[]).filter((k) => !Array.isArray(EMPTY_ITEM_FORM[k])) as Exclude<
  keyof ItemFormValues,
  "themes" | "quotes"
>[];

/** The form's values as typed (strings), for validation and to refill the form. */
export function readItemForm(form: FormData): ItemFormValues {
  const values = { ...EMPTY_ITEM_FORM };
  for (const key of TEXT_FIELDS) {
    const value = form.get(key);
    values[key] = typeof value === "string" ? value : "";
  }
  values.themes = form.getAll("themes").map(String);
  values.quotes = form.getAll("quotes").map(String);
  return values;
}

function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCFullYear() === Number(m[1]) && date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3]);
}

const requiredDate = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter the date ${what}`)
    .refine(isCalendarDate, `Enter the date ${what} as a real date, for example 2026-03-31`);

const optionalDate = (what: string) =>
  z
    .string()
    .trim()
    .refine((v) => v === "" || isCalendarDate(v), `Enter the ${what} date as a real date, for example 2026-03-31`)
    .transform((v) => (v === "" ? null : v));

const optionalText = (max: number, what: string) =>
  z
    .string()
    .max(max, `${what} must be ${max.toLocaleString("en-GB")} characters or fewer`)
    .transform((v) => (v.trim() === "" ? null : v.trim()));

const CODE = /^[a-z][a-z0-9_]{0,59}$/;

export const ItemFormSchema = z.object({
  title: z.string().trim().min(1, "Enter a title").max(200, "The title must be 200 characters or fewer"),
  themes: z
    .array(z.string().regex(CODE, "Choose themes from the list"))
    .min(1, "Choose at least one theme")
    .max(20, "Choose at most 20 themes"),
  saidPlain: z
    .string()
    .trim()
    .min(1, "Enter what families said, in plain English")
    .max(4000, "What families said must be 4,000 characters or fewer"),
  saidEasyRead: optionalText(4000, "The easy read version"),
  survey: z
    .string()
    .max(100)
    .transform((v) => (v.trim() === "" ? null : v.trim())),
  period: z
    .string()
    .max(20, "Enter a period like 2026-H1")
    .transform((v) => (v.trim() === "" ? null : v.trim())),
  kpi: z
    .string()
    .max(40)
    .transform((v) => (v.trim() === "" ? null : v.trim())),
  segment: z
    .string()
    .max(130)
    .refine((v) => v === "" || /^[A-Za-z0-9_]{1,64}:[A-Za-z0-9_-]{1,60}$/.test(v), "Choose a group from the list"),
  quotes: z.array(z.string().min(1).max(100)).max(20, "Quote at most 20 answers"),
  whatDone: optionalText(4000, "What was done"),
  notPossibleReason: optionalText(4000, "The reason"),
  involvement: z.enum(INVOLVEMENT_LEVELS, { error: "Choose how families were involved" }),
  ownerOrg: z.string().trim().min(1, "Enter the organisation responsible").max(200, "The organisation must be 200 characters or fewer"),
  ownerRole: z
    .string()
    .trim()
    .min(1, "Enter the role responsible (a role, not a person's name)")
    .max(200, "The role must be 200 characters or fewer"),
  visibility: z.enum(YSWD_VISIBILITIES, { error: "Choose who can see the item" }),
  status: z.enum(YSWD_STATUSES, { error: "Choose a status from the list" }),
  raisedOn: requiredDate("it was raised"),
  responsePublishedOn: optionalDate("response published"),
  targetOn: optionalDate("target"),
  completedOn: optionalDate("completed"),
  nextReviewOn: optionalDate("next review"),
  urTitle: optionalText(200, "The Urdu title"),
  urSaidPlain: optionalText(4000, "The Urdu text"),
  urSaidEasyRead: optionalText(4000, "The Urdu easy read text"),
  urWhatDone: optionalText(4000, "The Urdu text"),
  urNotPossibleReason: optionalText(4000, "The Urdu text"),
});

export type ItemForm = z.infer<typeof ItemFormSchema>;

export interface ParsedItem {
  title: string;
  themes: string[];
  saidPlain: string;
  saidEasyRead: string | null;
  translations: { ur: { title?: string; saidPlain?: string; saidEasyRead?: string; whatDone?: string; notPossibleReason?: string } };
  evidence: {
    surveyId: string | null;
    period: string | null;
    kpiId: string | null;
    segmentType: string | null;
    segmentValue: string | null;
  };
  quoteIds: string[];
  whatDone: string | null;
  notPossibleReason: string | null;
  involvement: InvolvementLevel;
  ownerOrg: string;
  ownerRole: string;
  visibility: YswdVisibility;
  status: YswdStatus;
  raisedOn: string;
  responsePublishedOn: string | null;
  targetOn: string | null;
  completedOn: string | null;
  nextReviewOn: string | null;
}

/** The parsed form, or field → message for every problem (the first per field). */
export function parseItemForm(values: ItemFormValues): { ok: true; item: ParsedItem } | { ok: false; errors: Record<string, string> } {
  const parsed = ItemFormSchema.safeParse(values);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "form");
      errors[field] ??= issue.message;
    }
    return { ok: false, errors };
  }
  const f = parsed.data;
  const [segmentType, segmentValue] = f.segment === "" ? [null, null] : (f.segment.split(":") as [string, string]);
  const ur = Object.fromEntries(
    (
      [
        ["title", f.urTitle],
        ["saidPlain", f.urSaidPlain],
        ["saidEasyRead", f.urSaidEasyRead],
        ["whatDone", f.urWhatDone],
        ["notPossibleReason", f.urNotPossibleReason],
      ] as const
    ).filter(([, v]) => v !== null),
  );
  return {
    ok: true,
    item: {
      title: f.title,
      themes: f.themes,
      saidPlain: f.saidPlain,
      saidEasyRead: f.saidEasyRead,
      translations: { ur },
      evidence: { surveyId: f.survey, period: f.period, kpiId: f.kpi, segmentType, segmentValue },
      quoteIds: f.quotes,
      whatDone: f.whatDone,
      notPossibleReason: f.notPossibleReason,
      involvement: f.involvement,
      ownerOrg: f.ownerOrg,
      ownerRole: f.ownerRole,
      visibility: f.visibility,
      status: f.status,
      raisedOn: f.raisedOn,
      responsePublishedOn: f.responsePublishedOn,
      targetOn: f.targetOn,
      completedOn: f.completedOn,
      nextReviewOn: f.nextReviewOn,
    },
  };
}

export const StatusChangeSchema = z.object({
  to: z.enum(YSWD_STATUSES, { error: "Choose the new status" }),
  note: z.string().max(2000, "The note must be 2,000 characters or fewer"),
  on: z
    .string()
    .trim()
    .refine((v) => v === "" || isCalendarDate(v), "Enter the date of the change as a real date, for example 2026-03-31")
    .transform((v) => (v === "" ? null : v)),
});

/** The evidence part of the form, as the model reads it. */
export function evidenceFromValues(values: Pick<ItemFormValues, "survey" | "period" | "kpi" | "segment">) {
  const [segmentType, segmentValue] = values.segment.includes(":") ? values.segment.split(":") : [null, null];
  const orNull = (v: string) => (v.trim() === "" ? null : v.trim());
  return {
    surveyId: orNull(values.survey),
    period: orNull(values.period),
    kpiId: orNull(values.kpi),
    segmentType: segmentType || null,
    segmentValue: segmentValue || null,
  };
}

/** Model problems (field, message) as the form's field → message map, the first per field. */
export function problemsToErrors(problems: readonly { field: string; message: string }[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const p of problems) errors[p.field] ??= p.message;
  return errors;
}
