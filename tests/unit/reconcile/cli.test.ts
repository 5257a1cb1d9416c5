// `branch-console reconcile`, in-process (main() returns its exit status), on the bank of bank.ts.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli.js';
import type { ReconcileResult } from '../../../shared/reconcile.js';
import { DATE, reconcileBank } from './bank.js';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await main(argv, { log: (s) => out.push(s), err: (s) => err.push(s) });
  return { status, out, err };
}

describe('branch-console reconcile', () => {
  it('imports a sheet as the command line (audited) and prints the comparison; --org narrows it', async () => {
    const bank = await reconcileBank();
    const dbFile = bank.db.name;
    const sheet = path.join(bank.dir, 'official.csv');
    // B1 1,234.56 元 and B2 5,000.00 元 in the console (bank.ts); B2's report is 0.01 元 short
    fs.writeFileSync(sheet, '机构号,指标,数值\nB1,各项存款余额,"1,234.56"\nB2,各项存款余额,4999.99\n');
    const r = await run('reconcile', '--db', dbFile, '--date', DATE, '--import', sheet, '--user', '绩效专员', '--json');
    expect(r.status, r.err.join('\n')).toBe(0);
    const result = JSON.parse(r.out[0]) as ReconcileResult;
    expect(result.rows.map((x) => [x.orgId, x.status, x.diff])).toEqual([
      ['B2', 'differ', 0.01],
      ['B1', 'match', 0],
    ]);
    const audit = bank.db.prepare("SELECT username, source FROM audit_log WHERE action = 'reconcile_import'").all();
    expect(audit).toEqual([{ username: '绩效专员', source: 'cli' }]);

    const text = await run('reconcile', '--db', dbFile, '--date', DATE, '--org', 'B1');
    expect(text.status).toBe(0);
    expect(text.out[0]).toBe(`对账 ${DATE}：不一致 0，控制台无数据 0，一致 1`);
    expect(text.out.slice(1).join('\n')).not.toContain('B2');
  });

  it('a bad sheet: exit 1, each problem on stderr by row and column, nothing stored', async () => {
    const bank = await reconcileBank();
    const sheet = path.join(bank.dir, 'bad.csv');
    fs.writeFileSync(sheet, '机构号,指标,数值\nB1,各项存款余额,12.345\n');
    const r = await run('reconcile', '--db', bank.db.name, '--date', DATE, '--import', sheet);
    expect(r.status).toBe(1);
    expect(r.err.join('\n')).toContain('bad.csv 第 2 行 “数值”列：“12.345”金额精确到分以下');
    expect(bank.count()).toBe(0);
  });
});
