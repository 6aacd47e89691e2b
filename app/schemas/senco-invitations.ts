import * as z from "zod";

export const MAX_MAILED = 500;

/** Addresses pasted one a line (or separated by commas or semicolons), each checked. */
export const MailBatchForm = z
  .object({
    label: z
      .string()
      .trim()
      .min(1, "Enter a name for this batch, for example Spring 2026 SENCOs")
      .max(100, "Name must be 100 characters or fewer"),
    addresses: z.string().max(100_000, "The list is too long: send at most 500 addresses at a time"),
  })
  .transform((form, ctx) => {
    const list = [
      ...new Set(
        form.addresses
          .split(/[\s,;]+/)
          .map((a) => a.trim().toLowerCase())
          .filter(Boolean),
      ),
    ];
    const bad = list.filter((a) => !z.email().safeParse(a).success);
    if (list.length === 0) ctx.addIssue({ code: "custom", path: ["addresses"], message: "Enter at least one e-mail address" });
    else if (bad.length > 0)
      ctx.addIssue({
        code: "custom",
        path: ["addresses"],
        message: `${bad.length === 1 ? "This is not an e-mail address" : `These ${bad.length} are not e-mail addresses`}: ${bad.slice(0, 5).join(", ")}${bad.length > 5 ? " …" : ""}`,
      });
    else if (list.length > MAX_MAILED)
      ctx.addIssue({ code: "custom", path: ["addresses"], message: `Send at most ${MAX_MAILED} invitations at a time` });
    return { label: form.label, addresses: list };
  });
