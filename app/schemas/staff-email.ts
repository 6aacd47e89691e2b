import * as z from "zod";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A staff member's email address, as an admin types it when inviting them. */
export const StaffEmail = z
  .string({ error: "Enter their email address" })
  .trim()
  .min(1, "Enter their email address")
  .max(320, "An email address must be 320 characters or fewer")
  .regex(EMAIL, "Enter an email address in the correct format, like name@example.com");
