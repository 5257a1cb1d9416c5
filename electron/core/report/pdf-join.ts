// Joins PDFs written by pdfkit (pdfmake's writer) into one, one part at a time: each part's objects
// are renumbered past the previous parts' and written straight out; what is kept across parts is
// only each object's byte offset (for the xref table) and the page references (for the page tree).
// So the memory is one part's bytes, not the whole document's objects.
//
// Why not a general PDF library: pdf-lib (copyPages) keeps every copied page as objects until it
// saves, and is not a dependency here. pdfkit's output is a narrow dialect, which this reads and
// refuses anything else with a clear message: a classic xref table (no object or xref streams), one
// flat page tree, stream lengths written as direct numbers, no encryption.

export type Sink = (bytes: Buffer) => void | Promise<void>;

const ROOT_NUM = 1;
const PAGES_NUM = 2;

interface PartObject {
  num: number;
  /** the object's text up to `stream` or `endobj` (dictionary, array, number, string…) */
  head: string;
  /** the stream's raw (still compressed) bytes, when the object is a stream */
  data: Buffer | null;
}

function fail(part: number, what: string): never {
  throw new Error(`PDF join: part ${part + 1}: ${what}`);
}

/** Splits PDF text into literal/hex strings (kept as they are) and the rest (where references live). */
function mapOutsideStrings(text: string, fn: (plain: string) => string): string {
  let out = '';
  let i = 0;
  let plainStart = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '(') {
      out += fn(text.slice(plainStart, i));
      const start = i;
      let depth = 0;
      for (; i < text.length; i++) {
        const d = text[i];
        if (d === '\\') i++;
        else if (d === '(') depth++;
        else if (d === ')' && --depth === 0) break;
      }
      i++;
      out += text.slice(start, i);
      plainStart = i;
    } else if (c === '<' && text[i + 1] !== '<') {
      out += fn(text.slice(plainStart, i));
      const close = text.indexOf('>', i);
      const end = close < 0 ? text.length : close + 1;
      out += text.slice(i, end);
      i = end;
      plainStart = i;
    } else if (c === '<' || c === '>') i += text[i + 1] === c ? 2 : 1;
    else i++;
  }
  return out + fn(text.slice(plainStart));
}

/** Where the keyword `stream` or `endobj` starts after `from`, outside strings (pdfkit escapes
 *  strings, so their text is ASCII and latin1 maps its bytes one to one). */
function keywordAt(pdf: Buffer, from: number, part: number, num: number): { at: number; stream: boolean } {
  let depth = 0;
  for (let i = from; i < pdf.length; i++) {
    const c = pdf[i];
    if (depth > 0) {
      if (c === 0x5c) i++; // backslash escapes the next byte
      else if (c === 0x28) depth++;
      else if (c === 0x29) depth--;
    } else if (c === 0x28) depth = 1;
    else if (c === 0x73 && pdf.toString('latin1', i, i + 6) === 'stream') return { at: i, stream: true };
    else if (c === 0x65 && pdf.toString('latin1', i, i + 6) === 'endobj') return { at: i, stream: false };
  }
  fail(part, `object ${num} has no endobj`);
}

/** Reads one object at `offset`: its number, the text before `stream`/`endobj`, and its stream bytes. */
function readObject(pdf: Buffer, offset: number, part: number): PartObject {
  const m = /^(\d+) (\d+) obj\s*/.exec(pdf.toString('latin1', offset, Math.min(pdf.length, offset + 64)));
  if (!m) fail(part, `no object at byte ${offset}`);
  const num = Number(m[1]);
  const from = offset + m[0].length;
  const kw = keywordAt(pdf, from, part, num);
  const head = pdf.toString('latin1', from, kw.at).trimEnd();
  if (!kw.stream) return { num, head, data: null };
  // a stream's dictionary from pdfkit holds no strings: /Length is read straight
  const len = /\/Length (\d+)(?! \d+ R)/.exec(head);
  if (!len) fail(part, `object ${num}: a stream without a direct /Length`);
  let start = kw.at + 'stream'.length;
  if (pdf[start] === 0x0d) start++;
  if (pdf[start] === 0x0a) start++;
  const end = start + Number(len[1]);
  if (!/^\s*endstream/.test(pdf.toString('latin1', end, end + 12))) fail(part, `object ${num}: /Length does not end at endstream`);
  return { num, head, data: pdf.subarray(start, end) };
}

/** The xref table's offsets (index = object number; 0 = free) and the trailer's text. */
function readXref(pdf: Buffer, part: number): { offsets: number[]; trailer: string } {
  const tail = pdf.toString('latin1', Math.max(0, pdf.length - 64));
  const sx = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!sx) fail(part, 'no startxref at the end');
  const at = Number(sx[1]);
  const trailerAt = pdf.indexOf('trailer', at, 'latin1');
  if (pdf.toString('latin1', at, at + 4) !== 'xref' || trailerAt < 0) fail(part, 'not a classic xref table (object streams are not read here)');
  const lines = pdf.toString('latin1', at + 4, trailerAt).split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const offsets: number[] = [];
  for (let i = 0; i < lines.length; ) {
    const [first, count] = lines[i++].split(/\s+/).map(Number);
    for (let k = 0; k < count; k++, i++) {
      const [off, , kind] = lines[i].split(/\s+/);
      offsets[first + k] = kind === 'n' ? Number(off) : 0;
    }
  }
  const trailer = pdf.toString('latin1', trailerAt, pdf.indexOf('startxref', trailerAt, 'latin1'));
  if (/\/Encrypt/.test(trailer)) fail(part, 'encrypted');
  if (/\/Prev\s/.test(trailer)) fail(part, 'an incrementally updated file (more than one xref section)');
  return { offsets, trailer };
}

const refOf = (text: string, key: string) => {
  const m = new RegExp(`/${key}\\s+(\\d+) \\d+ R`).exec(text);
  return m ? Number(m[1]) : null;
};

/** Six capital letters per part: each part embeds its own font subset, so each gets its own tag. */
function subsetTag(part: number): string {
  let s = '';
  for (let n = part, i = 0; i < 6; i++, n = Math.floor(n / 26)) s = String.fromCharCode(65 + (n % 26)) + s;
  return s;
}

/**
 * Writes the parts, in order, as one PDF into `sink`. `parts` yields each part's bytes when asked
 * (so only one is alive at a time). Metadata (Info) comes from the first part. Returns the page count.
 */
export async function joinPdfs(parts: AsyncIterable<Buffer>, sink: Sink): Promise<number> {
  let written = 0;
  const put = async (b: Buffer) => {
    written += b.length;
    await sink(b);
  };
  const xref: number[] = []; // offset per output object number (0 = unused)
  const kids: number[] = [];
  let next = PAGES_NUM + 1;
  let info: number | null = null;
  let index = 0;
  // %PDF-1.3 as pdfkit writes it, and the binary comment that marks the file as binary
  await put(Buffer.from('%PDF-1.3\n%\xff\xff\xff\xff\n', 'latin1'));
  for await (const pdf of parts) {
    const part = index++;
    const { offsets, trailer } = readXref(pdf, part);
    const root = refOf(trailer, 'Root');
    if (root === null) fail(part, 'no /Root in the trailer');
    const catalog = readObject(pdf, offsets[root] ?? fail(part, `the catalog ${root} is not in the xref`), part);
    const pages = refOf(catalog.head, 'Pages') ?? fail(part, 'the catalog has no /Pages');
    const tree = readObject(pdf, offsets[pages] ?? fail(part, `the page tree ${pages} is not in the xref`), part);
    const kidsText = /\/Kids\s*\[([^\]]*)\]/.exec(tree.head) ?? fail(part, 'the page tree has no /Kids');
    const base = next;
    const renumber = (old: number) => (old === pages ? PAGES_NUM : base + old);
    const partKids = [...kidsText[1].matchAll(/(\d+) \d+ R/g)].map((k) => Number(k[1]));
    for (const k of partKids) {
      const page = readObject(pdf, offsets[k], part);
      if (!/\/Type\s*\/Page\b/.test(page.head)) fail(part, `a nested page tree (object ${k}) is not read here`);
      kids.push(renumber(k));
    }
    const skip = new Set([root, pages, refOf(catalog.head, 'Names') ?? -1, refOf(catalog.head, 'Outlines') ?? -1]);
    const infoOld = refOf(trailer, 'Info');
    if (part === 0 && infoOld !== null) info = renumber(infoOld);
    const tag = subsetTag(part);
    for (let old = 1; old < offsets.length; old++) {
      if (!offsets[old] || skip.has(old)) continue;
      const o = readObject(pdf, offsets[old], part);
      if (o.num !== old) fail(part, `the xref points object ${old} at object ${o.num}`);
      const head = mapOutsideStrings(o.head, (s) =>
        s.replace(/(\d+) (\d+) R\b/g, (_, n: string, g: string) => `${renumber(Number(n))} ${g} R`).replace(/\/(BaseFont|FontName)\s*\/[A-Z]{6}\+/g, `/$1 /${tag}+`),
      );
      const num = renumber(old);
      xref[num] = written;
      if (o.data) {
        await put(Buffer.from(`${num} 0 obj\n${head}\nstream\n`, 'latin1'));
        await put(Buffer.from(o.data));
        await put(Buffer.from('\nendstream\nendobj\n', 'latin1'));
      } else await put(Buffer.from(`${num} 0 obj\n${head}\nendobj\n`, 'latin1'));
    }
    next = base + offsets.length;
  }
  if (!kids.length) throw new Error('PDF join: no pages in the parts');
  xref[ROOT_NUM] = written;
  await put(Buffer.from(`${ROOT_NUM} 0 obj\n<<\n/Type /Catalog\n/Pages ${PAGES_NUM} 0 R\n>>\nendobj\n`, 'latin1'));
  xref[PAGES_NUM] = written;
  // one flat page tree, as pdfkit writes it; its Kids are ~10 bytes a page
  const kidRefs = kids.map((k) => `${k} 0 R`).join(' ');
  await put(Buffer.from(`${PAGES_NUM} 0 obj\n<<\n/Type /Pages\n/Count ${kids.length}\n/Kids [${kidRefs}]\n>>\nendobj\n`, 'latin1'));
  const xrefAt = written;
  const rows = ['xref', `0 ${next}`, '0000000000 65535 f '];
  for (let n = 1; n < next; n++) rows.push(xref[n] ? `${String(xref[n]).padStart(10, '0')} 00000 n ` : '0000000000 65535 f ');
  const trailerText = `trailer\n<<\n/Size ${next}\n/Root ${ROOT_NUM} 0 R${info !== null ? `\n/Info ${info} 0 R` : ''}\n>>\nstartxref\n${xrefAt}\n%%EOF\n`;
  await put(Buffer.from(`${rows.join('\n')}\n${trailerText}`, 'latin1'));
  return kids.length;
}
