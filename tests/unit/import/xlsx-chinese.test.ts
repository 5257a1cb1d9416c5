// A large XLSX whose every cell is Chinese must import with every character intact. exceljs's
// streaming reader decoded each chunk of a zip part on its own, so a character whose bytes straddle
// two chunks became U+FFFD (exceljs issue 2084): text kept a replacement character and enum cells
// were rejected. The chunks are 16 KiB (zlib output, parts read from the zip) or 64 KiB (a sheet
// exceljs parks in a temp file until sharedStrings.xml has been read), so the parts written here are
// many times that size and almost every chunk boundary falls inside a character.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/core/db/connection.js';
import { importFile } from '../../../electron/core/import/index.js';
import { utf8Text } from '../../../electron/core/import/readers/xlsx-utf8.js';
import { Rng } from '../../../seeds/rng.js';
import { newDb, write } from './helpers.js';
import { readZip, writeZip } from './zip-parts.js';

const ROWS = 4000;
const HEADER = ['客户号', '客户名称', '客户类型', '证件类型', '性别', '联系地址', '是否农户', '所属机构号', '网格编号', '备注'];
const ORGS = ['鲤城支行', '丰泽支行', '开元分理处'];
// four-byte characters (outside the BMP) occur in real names and split in more places
const NAME_CHARS = [...'陈林黄张吴王李郑刘蔡许杨洪苏庄秀英明华伟芳娟强丽敏静磊军洋勇艳杰涛超𠮷𬌗𪚥'];
const TEXT_CHARS = [...'泉州市鲤城区丰泽区晋江石狮南安惠安安溪永春德化金门街道路巷号楼室村委会社区东西南北中新旧大小田山海𠀾'];
const DIGITS = [...'〇一二三四五六七八九'];

interface Row { cells: string[] }

function chineseNumber(n: number): string {
  return [...String(n)].map((d) => DIGITS[Number(d)]).join('');
}

function rows(): Row[] {
  const rng = new Rng(2084, 'xlsx-chinese');
  const draw = (pool: string[], lo: number, hi: number) => Array.from({ length: rng.int(lo, hi) }, () => rng.pick(pool)).join('');
  return Array.from({ length: ROWS }, (_, i) => {
    return {
      cells: [
        `客户${chineseNumber(i)}`,
        draw(NAME_CHARS, 2, 4),
        rng.pick(['个人', '个体工商户', '小微企业']),
        rng.pick(['身份证', '统一社会信用代码', '其他']),
        rng.pick(['男', '女']),
        draw(TEXT_CHARS, 12, 30),
        rng.pick(['是', '否']),
        rng.pick(ORGS),
        `网格${chineseNumber(i % 97)}`,
        draw(TEXT_CHARS, 8, 20),
      ],
    };
  });
}

/** every string in the shared-strings table */
async function sharedStrings(file: string, data: Row[]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('客户');
  ws.addRow(HEADER);
  for (const r of data) ws.addRow(r.cells);
  await wb.xlsx.writeFile(file);
}

/**
 * every string in the sheet XML: `t="str"` cells, and the remark as rich text of one run, which
 * exceljs writes as `t="inlineStr"` (with several runs its reader keeps only the last: another
 * exceljs bug, left out here).
 */
async function inlineStrings(file: string, data: Row[]) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
  const ws = wb.addWorksheet('客户');
  ws.addRow(HEADER).commit();
  for (const r of data) {
    ws.addRow([...r.cells.slice(0, -1), { richText: [{ text: r.cells[r.cells.length - 1] }] }]).commit();
  }
  ws.commit();
  await wb.commit();
}

/**
 * Inline strings again, laid out with an (empty) sharedStrings.xml and the workbook's relations
 * before the sheet, as some writers order their parts: exceljs then parses the sheet straight from
 * the zip entry instead of parking it in a temp file, so the chunks are the inflater's.
 */
async function inlineStringsSheetLast(file: string, data: Row[]) {
  await inlineStrings(file, data);
  const parts = readZip(fs.readFileSync(file));
  const sheet = parts.find(([n]) => n === 'xl/worksheets/sheet1.xml')!;
  const sst = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
  );
  const ordered: [string, Buffer][] = [
    ...parts.filter(([n]) => n !== sheet[0]),
    ['xl/sharedStrings.xml', sst],
    sheet,
  ];
  fs.writeFileSync(file, writeZip(ordered));
}

let db: Db;
let dir: string;

beforeEach(() => {
  ({ db, dir } = newDb());
});

describe('an XLSX whose every cell is Chinese, many read chunks long', () => {
  it.each([
    ['shared strings (sharedStrings.xml)', sharedStrings],
    ['inline strings in the sheet XML (parked in a temp file)', inlineStrings],
    ['inline strings in the sheet XML (read straight from the zip)', inlineStringsSheetLast],
  ])('%s: every row imports with exactly the text written', async (_, writeXlsx) => {
    const data = rows();
    // 4,000 rows of about 61 characters (6 + 3 + 3 + 4 + 1 + 21 + 1 + 4 + 3.5 + 14 on average), nearly
    // all three bytes in UTF-8: ≈ 4,000 × 183 ≈ 730 KB of text, so over 40 chunks of 16 KiB or 10 of
    // 64 KiB. Checked on the values, not on the file, so the test cannot shrink below its purpose.
    const textBytes = data.reduce((n, r) => n + Buffer.byteLength(r.cells.join('')), 0);
    expect(textBytes).toBeGreaterThan(10 * 64 * 1024);

    const orgCsv = `机构号,机构名称,机构层级\n${ORGS.map((o) => `${o},泉州农商银行${o},支行`).join('\n')}\n`;
    expect((await importFile(db, write(dir, 'org.csv', orgCsv))).imported).toBe(3);
    const file = path.join(dir, 'customer.xlsx');
    await writeXlsx(file, data);

    const r = await importFile(db, file);

    const stored = new Map(
      (db
        .prepare('SELECT cust_id, name, cust_type, id_type, gender, address, is_farmer, org_id, grid_id, extra FROM customer')
        .all() as Record<string, string | number>[]).map((s) => [s.cust_id as string, s]),
    );
    const wrong: unknown[] = [];
    for (const { cells } of data) {
      const [custId, name, custType, idType, gender, address, farmer, org, grid, remark] = cells;
      const want = {
        cust_id: custId, name, cust_type: custType, id_type: idType, gender, address,
        is_farmer: farmer === '是' ? 1 : 0, org_id: org, grid_id: grid, extra: JSON.stringify({ 备注: remark }),
      };
      const got = stored.get(custId);
      if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push({ want, got });
    }
    // one assertion, so a failure shows the counts and the first damaged rows together
    expect({
      dataset: r.dataset, rows: r.rows, imported: r.imported, rejected: r.rejected, warnings: r.warnings,
      stored: stored.size, wrongRows: wrong.length, firstWrong: wrong.slice(0, 2),
    }).toEqual({
      dataset: 'customer', rows: ROWS, imported: ROWS, rejected: 0, warnings: 0,
      stored: ROWS, wrongRows: 0, firstWrong: [],
    });
  });
});

describe('utf8Text', () => {
  it('rebuilds text cut into two chunks at every byte, whatever the width of the character cut', async () => {
    // 1-, 2-, 3- and 4-byte characters: a cut can fall after any byte of each
    const text = '<t>a é 泉州 𠮷</t>';
    const bytes = Buffer.from(text);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const parts: string[] = [];
      for await (const s of utf8Text(toChunks([bytes.subarray(0, cut), bytes.subarray(cut)]))) parts.push(s);
      expect(parts.join(''), `cut after byte ${cut}`).toBe(text);
    }
  });

  it('still marks bytes that are not UTF-8 at all, so the row checks can report them', async () => {
    const parts: string[] = [];
    for await (const s of utf8Text(toChunks([Buffer.from([0x41, 0xff, 0x42]), Buffer.from([0xe6, 0xb3])]))) parts.push(s);
    // 0xff is never valid; e6 b3 is a character missing its last byte when the part ends
    expect(parts.join('')).toBe('A\uFFFDB\uFFFD');
  });
});

async function* toChunks(chunks: Buffer[]): AsyncGenerator<Buffer> {
  yield* chunks;
}
