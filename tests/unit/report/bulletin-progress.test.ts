// The bulletin's 考核目标进度 on the hand-built assessment bank (tests/unit/assess/bank.ts): per 支行
// the month's targets, the actual on the date and the completion, worked out by hand below; at the
// month end they are the month's 考核表 completions. The PDF read back with pdftotext, the workbook
// with exceljs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../../electron/core/db/connection.js';
import { importFile } from '../../../electron/core/import/index.js';
import { resolveTarget } from '../../../electron/core/indicators/index.js';
import { wholeBankScope } from '../../../electron/core/scope/index.js';
import { assess } from '../../../electron/core/assess/index.js';
import { bulletinData } from '../../../electron/core/report/bulletin.js';
import { bulletinPdf, bulletinXlsx } from '../../../electron/core/report/bulletin-docs.js';
import { FILES } from '../assess/bank.js';
import { pdfText } from '../documents/poppler.js';

let dir: string;
let db: Db;
const meta = { user: '绩效专员', at: new Date('2024-08-01T02:00:00Z'), lang: 'zh' as const };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulletin-progress-'));
  db = openDb(path.join(dir, 'bank.sqlite'));
  for (const [name, body] of Object.entries(FILES)) {
    const file = path.join(dir, name);
    fs.writeFileSync(file, body);
    const r = await importFile(db, file, { username: 'test' });
    expect(r.rejected, name).toBe(0);
  }
});

const bulletin = (date: string, lang: 'zh' | 'en' = 'zh') => bulletinData(db, { date, target: resolveTarget(db, wholeBankScope(), {}), lang });

describe('业务通报: 考核目标进度', () => {
  it('per 支行 the month targets, the actual on the date and the completion (hand-computed)', () => {
    const d = bulletin('2024-07-31');
    const p = d.progress!;
    expect(p.period).toBe('2024-07');
    // the default scheme's indicators any 支行 has a target for, in the scheme's order
    expect(p.indicators.map((i) => i.id)).toEqual(['deposit_avg', 'loan_balance', 'npl_ratio', 'visits']);
    expect(p.indicators.map((i) => i.label)).toEqual(['存款日均', '各项贷款余额', '不良贷款率', '走访次数']);
    expect(p.rows.map((r) => r.id)).toEqual(['B1', 'B2', 'B3']);
    const [b1, b2, b3] = p.rows.map((r) => r.cells);
    // B1 (with S11 below it): July 日均 = (30 days × 3000 + 3310) / 31 = 93310 / 31 = 3010 against 2800
    // → 3010 / 2800 = 1.075; loans 9800 + 200 = 10000 / 8000 = 1.25; 不良 200 / 10000 = 0.02, lower is
    // better: 0.015 / 0.02 = 0.75; visits in July V2, V3 = 2 / 4 = 0.5
    expect(b1[0]).toEqual({ target: 2800, actual: 3010, completion: 3010 / 2800 });
    expect(b1[1]).toEqual({ target: 8000, actual: 10000, completion: 1.25 });
    expect(b1[2]!.actual).toBe(0.02);
    expect(b1[2]!.completion).toBeCloseTo(0.75, 12);
    expect(b1[3]).toEqual({ target: 4, actual: 2, completion: 0.5 });
    // B2: 6200 / 6200 = 1; 10000 / 10000 = 1; 不良 2000 / 10000 = 0.2 → 0.015 / 0.2 = 0.075; no visit target
    expect(b2[0]).toEqual({ target: 6200, actual: 6200, completion: 1 });
    expect(b2[1]).toEqual({ target: 10000, actual: 10000, completion: 1 });
    expect(b2[2]!.completion).toBeCloseTo(0.075, 12);
    expect(b2[3]).toBeNull();
    // B3: no 不良 at all (0) where lower is better completes at the cap, 1.2
    expect(b3[2]).toEqual({ target: 0.015, actual: 0, completion: 1.2 });
  });

  it("at the month's last data day the completions are the month's 考核表's", () => {
    const p = bulletin('2024-07-31').progress!;
    const sheets = assess(db, '2024-07', wholeBankScope(), { all: true }).sheets;
    for (const r of p.rows) {
      const sheet = sheets.find((s) => s.object.type === 'org' && s.object.id === r.id)!;
      p.indicators.forEach((i, k) => expect(r.cells[k]?.completion ?? null, `${r.id} ${i.id}`).toBe(sheet.rows.find((x) => x.indicator === i.id)!.completion));
    }
  });

  it('a month without targets says so (2024-06: none set)', async () => {
    const d = bulletin('2024-06-30');
    expect(d.progress).toBeNull();
    const text = await pdfText(await bulletinPdf(d, '测试银行', meta));
    expect(text.replace(/\s+/g, '')).toContain('2024-06未设考核目标。');
  });

  it('PDF: the section, its units and completions as text; XLSX: one row per 支行 and indicator with the unrounded completion', async () => {
    const d = bulletin('2024-07-31');
    const text = (await pdfText(await bulletinPdf(d, '测试银行', meta))).replace(/\s+/g, '');
    expect(text).toContain('三、考核目标进度（2024-07）');
    // B1's 日均 completion 1.075 prints as 107.50%, under it 3010 / 2800 元 in 万元 (0.30 / 0.28);
    // visits 2 / 4 = 50.00%; B3's 不良 at the cap 120.00% (0.00% / 1.50%)
    for (const t of ['一支行', '二支行', '三支行', '107.50%', '0.30/0.28', '50.00%', '2/4', '120.00%', '0.00%/1.50%']) expect(text).toContain(t);
    expect(text).toContain('未设目标'); // B2 has no visit target

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await bulletinXlsx(d, '测试银行', meta)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('目标进度')!;
    const rows = ws.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1));
    // 3 支行 × 4 indicators
    expect(rows).toHaveLength(12);
    expect(rows[0]).toEqual(['一支行', '存款日均', '元', 2800, 3010, 3010 / 2800]);
    // no target: the text, and no actual or completion cells written
    expect(rows[7]).toEqual(['二支行', '走访次数', '个', '未设目标']);
  });
});
