/**
 * How a response was given: online by the respondent (`web`), or entered by a member of the
 * forum's staff for someone from a paper form, over the phone, or sitting with them (`assisted`).
 * The mode is a breakdown on the board like the language of the response.
 */
import * as z from "zod";

export const RESPONSE_MODES = ["web", "paper", "phone", "assisted"] as const;
export type ResponseMode = (typeof RESPONSE_MODES)[number];
export const ResponseModeSchema = z.enum(RESPONSE_MODES);

/** The modes a member of staff enters a response in; `web` is only ever the respondent's own. */
export const ASSISTED_MODES = ["paper", "phone", "assisted"] as const;
export type AssistedMode = (typeof ASSISTED_MODES)[number];

/** A row of an import that does not say how it was given: most imports are typed-up paper forms. */
export const IMPORT_DEFAULT_MODE: ResponseMode = "paper";

/** The breakdown's name and its values' names, in English, for board pages and exports' readers. */
export const MODE_SEGMENT_NAME = "How the response was given";
export const MODE_LABELS: Record<ResponseMode, string> = { web: "Online", paper: "Paper", phone: "Phone", assisted: "Assisted" };

/** What a volunteer is doing, in the words of the banner on every page they enter answers on. */
export const MODE_ACTIVITY: Record<AssistedMode, string> = {
  paper: "a paper response",
  phone: "a phone response",
  assisted: "an assisted response",
};

/** An import cell: a mode's code or its label, any case (`Online` is `web`). */
export const ImportModeSchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((value) => RESPONSE_MODES.find((mode) => mode === value || MODE_LABELS[mode].toLowerCase() === value) ?? value)
  .pipe(ResponseModeSchema);
