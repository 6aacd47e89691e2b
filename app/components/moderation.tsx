import { REDACTION_KIND_LABELS, segmentText, type RedactionKind, type RedactionSpan } from "~/domain/pii";

/**
 * An answer with its suggested redactions highlighted. Each highlight also says what it is in
 * words, because colour alone and <mark> are not announced by every screen reader.
 */
export function HighlightedText({ text, suggestions, id }: { text: string; suggestions: RedactionSpan[]; id?: string }) {
  return (
    <blockquote className="answer-text" id={id}>
      {segmentText(text, suggestions).map((segment, i) =>
        segment.kind ? (
          <mark key={i} className={`pii pii--${segment.kind}`}>
            {segment.text}
            <span className="visually-hidden"> (suggested redaction: {REDACTION_KIND_LABELS[segment.kind].toLowerCase()})</span>
          </mark>
        ) : (
          <span key={i}>{segment.text}</span>
        ),
      )}
    </blockquote>
  );
}

/** The key to the highlight colours; only the kinds present when `kinds` is given. */
export function RedactionLegend({ kinds }: { kinds?: RedactionKind[] }) {
  const shown = (Object.keys(REDACTION_KIND_LABELS) as RedactionKind[]).filter((k) => !kinds || kinds.includes(k));
  if (shown.length === 0) return null;
  return (
    <div className="pii-legend">
      <p className="pii-legend__title">Suggested redactions are highlighted:</p>
      <ul className="pii-legend__list">
        {shown.map((kind) => (
          <li key={kind}>
            <mark className={`pii pii--${kind}`}>{REDACTION_KIND_LABELS[kind]}</mark>
          </li>
        ))}
      </ul>
    </div>
  );
}

export const STATE_TAGS: Record<string, { label: string; className: string }> = {
  pending: { label: "Pending", className: "tag tag--blue" },
  approved: { label: "Approved", className: "tag" },
  rejected: { label: "Rejected", className: "tag tag--grey" },
};

export function QuoteConsentTag({ consent }: { consent: boolean }) {
  return consent ? <span className="tag">May be quoted</span> : <span className="tag tag--amber">No consent to quote</span>;
}

export function formatDate(iso: string | null): string {
  if (!iso) return "";
  const date = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  return date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });
}
