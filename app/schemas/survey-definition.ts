import * as z from "zod";
import { AUDIENCES, QUESTION_ROLES, QUESTION_TYPES, TEXT_LONG_MAX, optionsOf, type SurveyDefinition } from "~/domain/survey";

/** Codes are the stable contract of KPIs, imports and exports: lower snake case. */
export const Code = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,62}$/, "Use lower-case letters, digits and underscores, starting with a letter");

export const LocalTextSchema = z.object({ en: z.string().trim().min(1, "Enter the English text") }).catchall(z.string().trim().max(4000));

const OptionSchema = z.object({ code: Code, label: LocalTextSchema });

const QuestionSchema = z.object({
  code: Code,
  type: z.enum(QUESTION_TYPES),
  role: z.enum(QUESTION_ROLES),
  title: LocalTextSchema,
  hint: LocalTextSchema.optional(),
  required: z.boolean(),
  options: z.array(OptionSchema).optional(),
  showWhen: z.object({ question: Code, anyOf: z.array(Code).min(1) }).optional(),
  maxLength: z.number().int().min(1).max(TEXT_LONG_MAX).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
});

/**
 * A whole survey definition, checked as a publishable unit: unique codes, options where a
 * question needs them, and routing that points at an earlier question and at options it has.
 */
export const SurveyDefinitionSchema = z
  .object({
    title: LocalTextSchema,
    intro: LocalTextSchema,
    audience: z.enum(AUDIENCES),
    minutes: z.number().int().min(1).max(120),
    languages: z.array(z.string().regex(/^[a-z]{2,3}$/)).min(1),
    questions: z.array(QuestionSchema).min(1),
    easyRead: z.boolean().optional(),
  })
  .superRefine((definition, ctx) => {
    const seen = new Map<string, number>();
    definition.questions.forEach((question, index) => {
      if (seen.has(question.code)) {
        ctx.addIssue({ code: "custom", path: ["questions", index, "code"], message: `The code ${question.code} is used twice` });
      }
      seen.set(question.code, index);
      const needsOptions = question.type === "single_choice" || question.type === "multiple_choice";
      if (needsOptions && (question.options?.length ?? 0) < 2) {
        ctx.addIssue({ code: "custom", path: ["questions", index, "options"], message: "Add at least two options" });
      }
      const optionCodes = (question.options ?? []).map((o) => o.code);
      if (new Set(optionCodes).size !== optionCodes.length) {
        ctx.addIssue({ code: "custom", path: ["questions", index, "options"], message: "Each option needs its own code" });
      }
      const rule = question.showWhen;
      if (rule) {
        const target = seen.get(rule.question);
        const targetQuestion = target === undefined || target >= index ? undefined : definition.questions[target];
        if (!targetQuestion) {
          ctx.addIssue({
            code: "custom",
            path: ["questions", index, "showWhen", "question"],
            message: `Routing points at ${rule.question}, which is not an earlier question`,
          });
        } else {
          const offered = optionsOf(targetQuestion).map((o) => o.code);
          const missing = rule.anyOf.filter((c) => !offered.includes(c));
          if (missing.length > 0) {
            ctx.addIssue({
              code: "custom",
              path: ["questions", index, "showWhen", "anyOf"],
              message: `Routing uses ${missing.join(", ")}, which ${rule.question} does not offer`,
            });
          }
        }
      }
    });
  }) satisfies z.ZodType<SurveyDefinition, unknown>;
