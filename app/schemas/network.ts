/**
 * The forms of the network pages (NB-1): a forum admin's join and leave, and the installation
 * operator's new forum. Whether a code is free is checked on the server, in the model.
 */
import * as z from "zod";
import { FORUM_CODE } from "~/domain/network-counts";

/** Joining or leaving: the box must be ticked, for the choice the page showed. */
export const NetworkMembershipSchema = z.object({
  intent: z.enum(["join", "leave"], { error: "Use one of the buttons on this page." }),
  confirm: z.literal("on", { error: "Tick the box to confirm" }),
});

export const CreateForumSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1, "Enter the forum's code, such as leeds-pcf")
    .max(63, "The code must be at most 63 characters")
    .regex(FORUM_CODE, "The code must use lower-case letters, digits and hyphens, starting with a letter or digit, such as leeds-pcf"),
  name: z
    .string()
    .trim()
    .min(1, "Enter the forum's name, such as Leeds Parent Carer Forum")
    .max(200, "The name must be at most 200 characters"),
});
