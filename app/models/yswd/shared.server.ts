/**
 * The "you said, we did" register (this folder): every read and write of its items. This module
 * holds what the others share: who is acting, what is entered, the problems reported by form
 * field, and small helpers.
 */
import { londonDate } from "~/domain/periods";
import type { InvolvementLevel, YswdVisibility } from "~/domain/yswd";
import type { Role } from "../../../db/schema";

/** Who is acting: the signed-in staff member (auth's Staff fits this shape), or the seed. */
export interface YswdActor {
  forumId: string;
  role: Role;
  user: { id: string };
}

export class YswdNotAllowed extends Error {
  constructor(what: string) {
    super(`Not allowed: ${what}`);
    this.name = "YswdNotAllowed";
  }
}

/** A problem with what was entered, by form field. */
export interface FieldProblem {
  field: string;
  message: string;
  code?: string;
}

export interface YswdTranslation {
  title?: string;
  saidPlain?: string;
  saidEasyRead?: string;
  whatDone?: string;
  notPossibleReason?: string;
}

export type YswdTranslations = Partial<Record<string, YswdTranslation>>;

export interface YswdEvidence {
  surveyId: string | null;
  /** A period label; its type is read from the label (2026-Q1, 2026-H1, 2025/26). */
  period: string | null;
  kpiId: string | null;
  segmentType: string | null;
  segmentValue: string | null;
}

export const NO_EVIDENCE: YswdEvidence = { surveyId: null, period: null, kpiId: null, segmentType: null, segmentValue: null };

export interface YswdInput {
  title: string;
  themes: string[];
  saidPlain: string;
  saidEasyRead: string | null;
  translations: YswdTranslations;
  evidence: YswdEvidence;
  /** Moderation item ids of approved answers to quote. */
  quoteIds: string[];
  whatDone: string | null;
  notPossibleReason: string | null;
  involvement: InvolvementLevel;
  ownerOrg: string;
  ownerRole: string;
  visibility: YswdVisibility;
  raisedOn: string;
  responsePublishedOn: string | null;
  targetOn: string | null;
  completedOn: string | null;
  nextReviewOn: string | null;
}

export type SaveResult =
  { status: "saved"; id: string; reference: string } | { status: "invalid"; problems: FieldProblem[] } | { status: "not_found" };

export const SYSTEM_NOTE_LIMIT = 2000;

export function today(): string {
  return londonDate(new Date());
}

export function clean(text: string | null | undefined): string | null {
  const trimmed = (text ?? "").trim();
  return trimmed === "" ? null : trimmed;
}
