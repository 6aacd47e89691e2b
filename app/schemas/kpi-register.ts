/**
 * The KPI register's forms: a target per KPI, and a KPI of the standard shape (one question;
 * positive, negative and excluded options). Whether the question and its options exist in one of
 * the forum's surveys is checked on the server (kpiQuestionProblems), where the surveys are.
 */
import * as z from "zod";

const OPTION_CODE = /^[a-z][a-z0-9_]{0,62}$/;

export const KPI_ID_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;

export const KpiTargetSchema = z.object({
  kpi: z.string().trim().regex(KPI_ID_PATTERN, "Choose a KPI from the register"),
  target: z
    .string()
    .trim()
    .min(1, "Enter the target as a percentage, such as 65")
    .regex(/^\d{1,3}(\.\d)?$/, "Enter the target as a percentage from 0 to 100, with at most one decimal place, such as 65 or 62.5")
    .transform(Number)
    .refine((n) => n >= 0 && n <= 100, "The target must be from 0 to 100"),
});

const codes = z.array(z.string().regex(OPTION_CODE, "Choose options from the list")).max(50);

export const KpiDefinitionFormSchema = z
  .object({
    mode: z.enum(["add", "change"]),
    id: z
      .string()
      .trim()
      .min(1, "Enter an id for the KPI, such as K15")
      .regex(KPI_ID_PATTERN, "The id must be letters and digits, starting with a letter, such as K15"),
    name: z.string().trim().min(1, "Enter the KPI's name").max(200, "The name must be 200 characters or fewer"),
    question: z.string().trim().regex(OPTION_CODE, "Choose a question"),
    positive: codes.min(1, "Choose at least one positive option"),
    negative: codes,
    excluded: codes,
  })
  .superRefine((value, ctx) => {
    const positive = new Set(value.positive);
    const negative = new Set(value.negative);
    const both = value.negative.filter((c) => positive.has(c));
    if (both.length > 0) {
      ctx.addIssue({ code: "custom", path: ["negative"], message: `An option cannot be both positive and negative: ${both.join(", ")}` });
    }
    const counted = value.excluded.filter((c) => positive.has(c) || negative.has(c));
    if (counted.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["excluded"],
        message: `An excluded option cannot also be positive or negative: ${counted.join(", ")}`,
      });
    }
  });
export type KpiDefinitionForm = z.infer<typeof KpiDefinitionFormSchema>;

/**
 * Server-side check against the forum's surveys: the question must be one of them, with options,
 * and every chosen option must be one of that question's.
 */
export function kpiQuestionProblems(
  form: KpiDefinitionForm,
  questionOptions: ReadonlyMap<string, readonly string[]>,
): Record<string, string> {
  const options = questionOptions.get(form.question);
  if (!options) return { question: "Choose a question that one of this forum's published surveys asks, with answer options" };
  const problems: Record<string, string> = {};
  for (const field of ["positive", "negative", "excluded"] as const) {
    const unknown = form[field].filter((c) => !options.includes(c));
    if (unknown.length > 0)
      problems[field] = `${unknown.join(", ")} ${unknown.length === 1 ? "is not an option" : "are not options"} of ${form.question}`;
  }
  return problems;
}
