import type { Role } from "../../db/schema";

/** Who may act in moderation, and the states an answer moves through. */

export const MODERATION_STATES = ["pending", "approved", "rejected"] as const;
export type ModerationState = (typeof MODERATION_STATES)[number];

/** Who is acting: the signed-in staff member (auth's Staff fits this shape). */
export interface ModerationActor {
  forumId: string;
  role: Role;
  safeguardingLead: boolean;
  user: { id: string };
}

export class ModerationNotAllowed extends Error {
  constructor(what: string) {
    super(`Not allowed: ${what}`);
  }
}
