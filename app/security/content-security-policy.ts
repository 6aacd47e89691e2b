/**
 * The Content-Security-Policy sent with every response. Scripts run only from this site or with
 * the request's nonce (the survey builder is the one page that hydrates; Remix's inline bootstrap
 * carries the nonce), so an injected `<script>` or `onclick` never runs. Styles may be inline: a
 * few SVG charts and the QR code set style attributes, and a style cannot run code.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
