import * as z from "zod";

/** Issuing an API token: a label says who or what uses it, so it can be revoked knowingly. */
export const ApiTokenSchema = z.object({
  label: z
    .string()
    .trim()
    .min(1, "Enter a label, such as the name of the council team or the tool that will use the token")
    .max(80, "The label must be 80 characters or fewer"),
});

export const RevokeTokenSchema = z.object({
  id: z.string().trim().min(1).max(64),
});
