import * as z from "zod";
import { ASSISTED_MODES } from "~/domain/response-modes";

/**
 * The form that starts entering a response for someone: how they answered and in which language.
 * The server also checks the language is one the survey is published in.
 */
export const AssistedEntrySchema = z.object({
  mode: z.enum(ASSISTED_MODES, { error: "Choose how the person is answering: on paper, by phone or with you beside them" }),
  language: z
    .string({ error: "Choose the language the person is answering in" })
    .regex(/^[a-z]{2,3}$/, { error: "Choose the language the person is answering in" }),
});

export type AssistedEntryForm = z.infer<typeof AssistedEntrySchema>;
