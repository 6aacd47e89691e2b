/**
 * Control characters have no place in anything a person types into a form: NUL and its kin
 * break exports, spreadsheets and feeds, and some are invisible. Tab, newline and carriage
 * return stay (a textarea sends CRLF); every other C0 control and DEL is removed.
 */
export function withoutControlCharacters(text: string): string {
  let clean = "";
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const control = (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f;
    if (!control) continue;
    clean += text.slice(start, i);
    start = i + 1;
  }
  return start === 0 ? text : clean + text.slice(start);
}
