/** At most this many syntax errors are listed per file; the rest are counted. */
export const MAX_SYNTAX_ERRORS = 5;

/**
 * The syntax errors of an HCL file, one line each (`file:line,column: summary (detail)`),
 * from the message of `@cdktn/hcl2json`'s parse, which runs them together in one string.
 */
export function hclSyntaxErrors(message: string, file: string): string[] {
  const body = /\[([\s\S]*)\]\s*$/.exec(message)?.[1] ?? message;
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const parts = body.split(new RegExp(`(?=${escaped}:\\d+,\\d+)`)).map((p) => p.trim()).filter((p) => p.length > 0);
  const lines = parts.map((part) => {
    const m = new RegExp(`^${escaped}:(\\d+),(\\d+)(?:-[\\d,]+)?: ([^;]*);?\\s*(.*)$`, 's').exec(part);
    if (!m) return `${file}: not valid HCL: ${part.replace(/\s+/g, ' ')}`;
    const detail = m[4].replace(/\s+/g, ' ').trim();
    return `${file}:${m[1]},${m[2]}: ${m[3].trim()}${detail ? ` (${detail})` : ''}`;
  });
  if (lines.length <= MAX_SYNTAX_ERRORS) return lines;
  return [...lines.slice(0, MAX_SYNTAX_ERRORS), `${file}: ${lines.length - MAX_SYNTAX_ERRORS} more syntax errors not shown; fix the ones above first.`];
}
