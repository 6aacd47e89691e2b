/**
 * The default theme taxonomy for tagging what families write. Codes are stable (exports, the
 * "you said, we did" register and filters speak codes); labels are the forum's words.
 */
interface ThemeDefinition {
  code: string;
  label: string;
}

export const DEFAULT_THEMES: readonly ThemeDefinition[] = [
  { code: "ehc_needs_assessment", label: "EHC needs assessment" },
  { code: "plan_quality", label: "Plan quality" },
  { code: "annual_reviews", label: "Annual reviews" },
  { code: "communication", label: "Communication" },
  { code: "information", label: "Information" },
  { code: "school_places", label: "School places" },
  { code: "transport", label: "Transport" },
  { code: "therapies", label: "Therapies" },
  { code: "mental_health", label: "Mental health" },
  { code: "short_breaks", label: "Short breaks" },
  { code: "preparation_for_adulthood", label: "Preparation for adulthood" },
  { code: "alternative_provision", label: "Alternative provision" },
  { code: "inclusion", label: "Inclusion" },
  { code: "co_production", label: "Co-production" },
];

export const THEME_CODE_PATTERN = /^[a-z][a-z0-9_]{1,59}$/;

/** Rows of (item, theme), in display order, as each item's list of themes. */
export function themesByItem(rows: readonly { item_id: string; code: string; label: string }[]): Map<string, ThemeDefinition[]> {
  const byItem = new Map<string, ThemeDefinition[]>();
  for (const row of rows) {
    const list = byItem.get(row.item_id) ?? [];
    list.push({ code: row.code, label: row.label });
    byItem.set(row.item_id, list);
  }
  return byItem;
}
