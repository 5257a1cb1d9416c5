// The history's 拒绝 / 警告 counts are rows; the issues drawer lists issues (one per cell at fault).
// They used to disagree: a rejected row also listed its warnings (so the drawer showed more
// warned rows than the history counted), and the drawer paged over rejected + warned rows while
// it listed one line per issue (so pages went missing when a row had two bad cells). Now a
// rejected row carries only its rejections, and each batch says how many issue lines it has.
import { describe, expect, it } from 'vitest';
import { batchIssues, importFile, listBatches } from '../../../electron/core/import/index.js';
import { newDb, ORG_CSV, write } from './helpers.js';

// Worked out by hand, line by line (file rows 2–6):
//   row 2 C1  clean                                                → kept, no issue
//   row 3 C2  wrong ID check digit + a 10-digit phone               → kept, 2 warnings
//   row 4 C3  2024-02-30 is no date + 性别 X                          → rejected, 2 rejections
//   row 5 C4  a U+FFFD in the name + 性别 Q                          → rejected, 1 rejection (the
//             name's warning belongs to a row that is not stored)
//   row 6 C1  the key of row 2 again                               → rejected, 1 rejection
// rows 5 · rejected rows 3 · warned rows 1 · issue lines 2 + 2 + 1 + 1 = 6
const CUSTOMERS = `客户号,客户名称,证件类型,证件号码,手机号码,所属机构号,出生日期,性别
C1,张三,身份证,11010519491231002X,13800000001,QZ100,1949-12-31,男
C2,李四,身份证,110105194912310021,1380000002,QZ100,1949-12-31,女
C3,王五,身份证,11010519491231002X,13800000003,QZ100,2024-02-30,X
C4,李\uFFFD,身份证,11010519491231002X,13800000004,QZ100,1949-12-31,Q
C1,张三,身份证,11010519491231002X,13800000001,QZ100,1949-12-31,男
`;

describe('issue counts', () => {
  it('the history counts rows, the drawer its issue lines, and the two agree', async () => {
    const { db, dir } = newDb();
    await importFile(db, write(dir, 'org.csv', ORG_CSV));
    const r = await importFile(db, write(dir, 'cust.csv', CUSTOMERS));
    expect(r).toMatchObject({ rows: 5, imported: 2, rejected: 3, warnings: 1 });

    const batch = listBatches(db).find((b) => b.batchId === r.batchId)!;
    expect(batch).toMatchObject({ rejected: 3, warnings: 1, issues: 6 });

    const lines = batchIssues(db, r.batchId!, { limit: 1000 });
    expect(lines).toHaveLength(batch.issues);
    const rowsAt = (level: string) => new Set(lines.filter((i) => i.level === level).map((i) => i.row));
    expect([...rowsAt('rejected')].sort()).toEqual([4, 5, 6]);
    expect([...rowsAt('warning')]).toEqual([3]);
    expect(rowsAt('rejected').size).toBe(batch.rejected);
    expect(rowsAt('warning').size).toBe(batch.warnings);
  });

  it('a file with only a header has one file-level note and no rejected or warned row', async () => {
    const { db, dir } = newDb();
    const r = await importFile(db, write(dir, 'org.csv', '机构号,机构名称\n'));
    const batch = listBatches(db).find((b) => b.batchId === r.batchId)!;
    expect(batch).toMatchObject({ rejected: 0, warnings: 0, issues: 1 });
    expect(batchIssues(db, r.batchId!)).toEqual([expect.objectContaining({ row: null, reason: '文件只有表头，没有数据行' })]);
  });
});
