import * as z from "zod";
import type { MessageKey } from "~/i18n";

/**
 * The survey start form: consent per purpose and optional follow-up contact. Messages are
 * catalogue keys, so the same schema answers in every language.
 */
const ticked = (message: MessageKey) => z.literal("yes", { error: message });
const optionalTick = z.literal("yes").optional();
const contactText = z
  .string()
  .trim()
  .max(200, { error: "start.error.tooLong" satisfies MessageKey })
  .default("");

export const StartFormSchema = z
  .object({
    idempotency_key: z
      .string({ error: "badRequest.title" satisfies MessageKey })
      .regex(/^[A-Za-z0-9-]{16,64}$/, { error: "badRequest.title" satisfies MessageKey }),
    participate: ticked("start.error.participate"),
    special_category: ticked("start.error.special_category"),
    quotes: optionalTick,
    follow_up: optionalTick,
    contact_name: contactText,
    contact_detail: contactText,
  })
  .superRefine((form, ctx) => {
    if (form.follow_up === "yes" && form.contact_detail === "") {
      ctx.addIssue({ code: "custom", path: ["contact_detail"], message: "start.error.contact" satisfies MessageKey });
    }
    if (form.follow_up !== "yes" && (form.contact_detail !== "" || form.contact_name !== "")) {
      ctx.addIssue({ code: "custom", path: ["follow_up"], message: "start.error.contactNotWanted" satisfies MessageKey });
    }
  });

export type StartForm = z.infer<typeof StartFormSchema>;

/** Field name → message key for the first problem with each field. */
export function fieldErrors(error: z.ZodError): Record<string, MessageKey> {
  const errors: Record<string, MessageKey> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message as MessageKey;
  }
  return errors;
}
