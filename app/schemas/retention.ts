import * as z from "zod";

/**
 * The data retention page's forms. The range is the one setRetentionMonths enforces (6 to 120
 * months): kept here as plain numbers so this module stays free of server code.
 */
export const RETENTION_MONTHS_MIN = 6;
export const RETENTION_MONTHS_MAX = 120;

const RANGE_MESSAGE = `Enter a whole number of months from ${RETENTION_MONTHS_MIN} to ${RETENTION_MONTHS_MAX}`;

/** How long raw responses are kept, as typed: digits only, so "24.5", "2e1" or "-6" are refused. */
export const RetentionMonthsSchema = z.object({
  months: z
    .string()
    .trim()
    .min(1, `Enter how many months to keep responses for, from ${RETENTION_MONTHS_MIN} to ${RETENTION_MONTHS_MAX}`)
    .regex(/^\d{1,4}$/, RANGE_MESSAGE)
    .transform(Number)
    .refine((months) => months >= RETENTION_MONTHS_MIN && months <= RETENTION_MONTHS_MAX, RANGE_MESSAGE),
});

/** Deleting now: the box must be ticked, for the number of responses the page showed. */
export const ApplyRetentionSchema = z.object({
  confirm: z.literal("on", { error: "Tick the box to confirm that you understand the responses are deleted for good" }),
  due: z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number),
});
