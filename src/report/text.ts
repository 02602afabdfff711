/** Replaces control characters (incl. the ESC of ANSI sequences) so untrusted text cannot drive a terminal. */
export function plainText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}

/**
 * Cuts text to at most `max` UTF-16 code units (the unit AWS length limits count), marking the cut
 * with an ellipsis and never splitting a surrogate pair.
 */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  let out = '';
  for (const ch of s) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}
