import * as z from "zod";

export const CONTACT_STATUSES = ["new", "contacted", "closed"] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];

export const CONTACT_STATUS_LABELS: Record<ContactStatus, string> = {
  new: "New",
  contacted: "Contacted",
  closed: "Closed",
};

/** The contact request page's form: where the request stands, and a note of what was done. */
export const ContactRequestForm = z.object({
  status: z.enum(CONTACT_STATUSES, { error: "Choose where the request stands" }),
  note: z.string().trim().max(2000, "The note must be 2,000 characters or fewer"),
});

/** The list's filter: one status, or every request. */
export const ContactRequestFilter = z.object({
  status: z.enum([...CONTACT_STATUSES, "all"]).catch("all"),
});
