// Spreadsheet formula injection: a cell starting with = + - @ (or a tab / carriage return) is
// run as a formula by Excel and WPS. Every CSV/XLSX export passes text through here, so a
// customer named "=HYPERLINK(...)" is shown as that text and never executed.
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(v: string): string {
  return FORMULA_START.test(v) ? `'${v}` : v;
}

/** One CSV field: neutralised, then quoted when it holds a delimiter, quote or newline. */
export function csvField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  const s = neutraliseCell(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: (string | number | null | undefined)[]): string {
  return values.map(csvField).join(',') + '\r\n';
}
