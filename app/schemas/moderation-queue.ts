import * as z from "zod";

/**
 * The moderation queue's address: its filters live in the query string (a GET form), so a
 * filtered view can be bookmarked, reloaded and kept after a bulk action.
 */
export const QueueQuery = z.object({
  survey: z.string().max(100).optional(),
  question: z.string().max(100).optional(),
  language: z.string().max(20).optional(),
  theme: z.string().max(60).optional(),
  untagged: z.enum(["1"]).optional(),
  state: z.enum(["pending", "approved", "rejected", "all"], { error: "Choose a state from the list" }).default("pending"),
  flagged: z.enum(["1"]).optional(),
  suggestions: z.enum(["1"]).optional(),
  q: z.string().max(200, "Search for at most 200 characters").optional(),
  sort: z.enum(["oldest", "newest"], { error: "Choose oldest or newest first" }).default("oldest"),
  page: z.coerce.number({ error: "The page must be a number" }).int("The page must be a whole number").min(1).max(100_000).default(1),
});
export type QueueQuery = z.infer<typeof QueueQuery>;

/** The query's own fields, in a stable order (the default values left out). */
const DEFAULTS: Partial<Record<keyof QueueQuery, string>> = { state: "pending", sort: "oldest", page: "1" };
const KEYS = Object.keys(QueueQuery.shape) as (keyof QueueQuery)[];

/** The query string of `query` with `change` applied: "" or "?…". */
export function queueSearch(
  query: Partial<QueueQuery>,
  change: Partial<Record<keyof QueueQuery, string | number | undefined>> = {},
): string {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const raw = key in change ? change[key] : query[key];
    const value = raw === undefined ? "" : String(raw);
    if (value === "" || DEFAULTS[key] === value) continue;
    params.set(key, value);
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** Reads the filters from a URL's search params, ignoring empty fields (an "all" choice). */
export function parseQueueQuery(params: URLSearchParams) {
  return QueueQuery.safeParse(Object.fromEntries([...params].filter(([key, v]) => v !== "" && key in QueueQuery.shape)));
}

export const BULK_LIMIT = 200;

export const BulkForm = z.discriminatedUnion("intent", [
  z.object({
    intent: z.enum(["approve", "reject"]),
    items: z
      .array(z.string().min(1).max(100))
      .min(1, "Select at least one answer")
      .max(BULK_LIMIT, `Select at most ${BULK_LIMIT} answers at once`),
  }),
  z.object({
    intent: z.literal("theme"),
    items: z
      .array(z.string().min(1).max(100))
      .min(1, "Select at least one answer")
      .max(BULK_LIMIT, `Select at most ${BULK_LIMIT} answers at once`),
    theme: z.string({ error: "Choose the theme to add" }).min(1, "Choose the theme to add").max(60),
  }),
]);

/** What the page says after a bulk action (carried in the redirect's query string). */
export const BulkOutcome = z.object({
  done: z.enum(["approved", "rejected", "themed"]),
  n: z.coerce.number().int().min(0).max(100_000),
  already: z.coerce.number().int().min(0).max(100_000).default(0),
  added: z.string().max(60).optional(),
  refused: z
    .array(z.string().regex(/^(suggested_redactions|safeguarding|not_pending|not_found|already_rejected)\.[A-Za-z0-9-]{1,100}$/))
    .max(BULK_LIMIT)
    .default([]),
});
export type BulkOutcome = z.infer<typeof BulkOutcome>;

export function parseBulkOutcome(params: URLSearchParams): BulkOutcome | null {
  if (!params.get("done")) return null;
  const parsed = BulkOutcome.safeParse({
    done: params.get("done"),
    n: params.get("n"),
    already: params.get("already") ?? undefined,
    added: params.get("added") ?? undefined,
    refused: params.getAll("refused"),
  });
  return parsed.success ? parsed.data : null;
}
