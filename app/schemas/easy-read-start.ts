import * as z from "zod";
import type { MessageKey } from "~/i18n";
import { fieldErrors } from "./start";

/**
 * The easy read start form. It records the same four consents as the standard form, so every
 * reader of consents (withdrawal, retention, exports) treats an easy read response like any other:
 *
 * - participate and special_category: one box each, both needed to start, as on the standard
 *   form. Each box still says plainly what is agreed to ("answer the questions"; "the forum can
 *   keep my answers about my health, disability and extra help"), so explicit consent to special
 *   category data stays separate and specific rather than folded into taking part.
 * - quotes: one optional box, as on the standard form.
 * - follow_up: never offered. A young person is told to ask an adult they trust, or the forum,
 *   instead of leaving contact details (minimisation: contact is optional, so it is not asked).
 *   It is recorded as not given, exactly as for anyone who leaves the standard box unticked;
 *   contact fields sent anyway (a crafted form) are ignored, never stored.
 *
 * The wording differs, so the consents record the easy read wording's own version.
 */
const ticked = (message: MessageKey) => z.literal("yes", { error: message });

export const EasyReadStartFormSchema = z.object({
  idempotency_key: z
    .string({ error: "badRequest.title" satisfies MessageKey })
    .regex(/^[A-Za-z0-9-]{16,64}$/, { error: "badRequest.title" satisfies MessageKey }),
  participate: ticked("easyRead.start.error.participate"),
  special_category: ticked("easyRead.start.error.special_category"),
  quotes: z.literal("yes").optional(),
});

/** The boxes as ticked, to show them again beside an error. */
export interface EasyReadStartValues {
  participate: boolean;
  special_category: boolean;
  quotes: boolean;
}

export type EasyReadStart =
  | {
      ok: true;
      idempotencyKey: string;
      consents: { participate: true; special_category: true; quotes: boolean; follow_up: false };
    }
  | { ok: false; errors: Record<string, MessageKey>; values: EasyReadStartValues };

export function readEasyReadStart(form: Record<string, unknown>): EasyReadStart {
  const parsed = EasyReadStartFormSchema.safeParse(form);
  if (!parsed.success) {
    return {
      ok: false,
      errors: fieldErrors(parsed.error),
      values: {
        participate: form.participate === "yes",
        special_category: form.special_category === "yes",
        quotes: form.quotes === "yes",
      },
    };
  }
  return {
    ok: true,
    idempotencyKey: parsed.data.idempotency_key,
    consents: { participate: true, special_category: true, quotes: parsed.data.quotes === "yes", follow_up: false },
  };
}
