// The header row of a delimited file, read in the browser. The server's preview of a file it
// could not recognise may not carry the header; the manual-mapping dialog still needs it.
import Papa from 'papaparse';

const DELIMITERS = [',', '\t', '|', ';'];

export function decodeHead(buf: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf).replace(/^\uFEFF/, '');
  } catch {
    // either GB18030 or a UTF-8 sequence cut at the end of the slice: GB18030 reads both
    // well enough for a header of Chinese names, and a cut UTF-8 tail is past the first line
    const lenient = new TextDecoder('utf-8').decode(buf).replace(/^\uFEFF/, '');
    const firstLine = lenient.split(/\r?\n/)[0] ?? '';
    return firstLine.includes('\uFFFD') ? new TextDecoder('gb18030').decode(buf) : lenient;
  }
}

/** The first non-empty row, split on whichever delimiter splits it into the most cells. */
export function headerOf(text: string): string[] {
  const rows = Papa.parse<string[]>(text, { preview: 5, delimiter: '\u0001', skipEmptyLines: 'greedy' }).data;
  const line = rows[0]?.[0] ?? '';
  let best: string[] = [];
  for (const d of DELIMITERS) {
    const cells = Papa.parse<string[]>(line, { delimiter: d }).data[0] ?? [];
    if (cells.length > best.length) best = cells;
  }
  return best.map((c) => c.trim()).filter((c) => c !== '');
}

export async function sniffHeader(file: File): Promise<string[]> {
  if (/\.(xlsx|xls|json|geojson)$/i.test(file.name)) return [];
  return headerOf(decodeHead(await file.slice(0, 64 * 1024).arrayBuffer()));
}
