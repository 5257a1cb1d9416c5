// The command line as a user runs it: a real process, real files, a real database.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../electron/core/db/connection.js';
import { cli } from './run-cli.js';
import { CUSTOMER_CSV, ORG_CSV, STAFF_CSV, tmpDir, write } from '../import/helpers.js';


const NONE = { customer: 0, org: 0, staff: 0 };

describe('branch-console import', () => {
  it('imports a folder and prints one JSON object per the contract; exit 0 with rejected rows', () => {
    const dir = tmpDir();
    write(dir, 'in/org.csv', ORG_CSV);
    write(dir, 'in/staff.csv', STAFF_CSV);
    write(dir, 'in/customer.csv', CUSTOMER_CSV + 'C009,,QZ100\n'); // a row without 客户名称: rejected
    const db = path.join(dir, 'bank.db');
    const r = cli('import', '--db', db, '--json', path.join(dir, 'in'));
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toEqual({
      files: [
        { file: 'org.csv', dataset: 'org', rows: 3, imported: 3, unchanged: 0, rejected: 0, warnings: 0, unknown_refs: NONE, rejected_rows: [] },
        { file: 'staff.csv', dataset: 'staff', rows: 1, imported: 1, unchanged: 0, rejected: 0, warnings: 0, unknown_refs: NONE, rejected_rows: [] },
        {
          file: 'customer.csv', dataset: 'customer', rows: 4, imported: 3, unchanged: 0, rejected: 1, warnings: 2,
          // C003's manager S999 is not in staff.csv
          unknown_refs: { customer: 0, org: 0, staff: 1 },
          // line 1 is the header, C001–C003 are lines 2–4, the short row is line 5
          rejected_rows: [{ row: 5, column: null, value: null, reason: expect.stringMatching(/本行有 3 个字段，表头有 7 个/) }],
        },
      ],
    });
    const d = openDb(db);
    expect(d.prepare('SELECT count(*) FROM customer').pluck().get()).toBe(3);
    expect(d.prepare("SELECT count(*) FROM audit_log WHERE action = 'import'").pluck().get()).toBe(3);
    d.close();
    // the same folder again: nothing changes, and the JSON says so per file
    const again = JSON.parse(cli('import', '--db', db, '--json', path.join(dir, 'in')).stdout);
    expect(again.files.map((f: { imported: number; unchanged: number }) => [f.imported, f.unchanged])).toEqual([[0, 3], [0, 1], [0, 3]]);
  });

  it('exits 1 when a file cannot be read at all, and still imports the others', () => {
    const dir = tmpDir();
    const good = write(dir, 'org.csv', ORG_CSV);
    const bad = write(dir, 'broken.xlsx', 'not a zip');
    const r = cli('import', '--db', path.join(dir, 'b.db'), '--json', good, bad);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.files[0]).toMatchObject({ file: 'org.csv', imported: 3 });
    expect(out.files[1]).toMatchObject({ file: 'broken.xlsx', imported: 0 });
    expect(out.files[1].error).toMatch(/broken\.xlsx.*XLSX/);
    expect(r.stderr).toMatch(/broken\.xlsx/);
  });

  it('uses a JSON mapping profile given with --profile', () => {
    const dir = tmpDir();
    const profile = write(
      dir,
      'p.json',
      JSON.stringify({ name: 'legacy-org', dataset: 'org', columns: { BRNO: 'org_id', BRNAME: 'name', UPBRNO: 'parent_id' } }),
    );
    const f = write(dir, 'legacy.csv', 'BRNO,BRNAME,UPBRNO\nX0,总行,\nX1,一支行,X0\n');
    const r = cli('import', '--db', path.join(dir, 'c.db'), '--json', '--profile', profile, f);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).files[0]).toMatchObject({ dataset: 'org', imported: 2 });
  });

  it('applies each of several --profile options to the files it matches (FILE:PATTERN or by its header)', () => {
    const dir = tmpDir();
    const orgP = write(dir, 'org.json', JSON.stringify({ name: '他行机构', dataset: 'org', columns: { BRNO: 'org_id', BRNAME: 'name', UPBRNO: 'parent_id' } }));
    const staffP = write(dir, 'staff.json', JSON.stringify({ name: '他行员工', dataset: 'staff', columns: { EMP: 'staff_id', NM: 'name', BR: 'org_id' } }));
    write(dir, 'in/a-branches.csv', 'BRNO,BRNAME,UPBRNO\nX0,总行,\nX1,一支行,X0\n');
    write(dir, 'in/b-people.csv', 'EMP,NM,BR\nE1,王五,X1\n');
    const db = path.join(dir, 'p.db');
    const r = cli('import', '--db', db, '--json', '--profile', `${orgP}:*branches*`, '--profile', staffP, path.join(dir, 'in'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).files.map((f: { dataset: string; imported: number }) => [f.dataset, f.imported])).toEqual([['org', 2], ['staff', 1]]);
  });

  it('a file nothing recognises points at --profile, not at the UI', () => {
    const dir = tmpDir();
    const f = write(dir, 'mystery.csv', 'A,B,C\n1,2,3\n');
    const r = cli('import', '--db', path.join(dir, 'm.db'), f);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/mystery\.csv/);
    expect(r.stderr).toMatch(/--profile/);
    expect(r.stderr).not.toMatch(/手动|映射对话框|manual/);
  });

  it('an unreadable JSON profile is named in the message, and nothing is imported', () => {
    const dir = tmpDir();
    const bad = write(dir, 'broken.json', '{"name": "x", ');
    const f = write(dir, 'org.csv', ORG_CSV);
    const db = path.join(dir, 'n.db');
    const r = cli('import', '--db', db, '--profile', bad, f);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(bad);
    expect(r.stderr).toMatch(/不是有效的 JSON/);
  });

  it('read-only commands refuse a database that does not exist, and do not create it', () => {
    const dir = tmpDir();
    const missing = path.join(dir, 'nope', 'bank.db');
    for (const args of [['stats', '--db', missing, '--date', '2024-06-30'], ['customer', '--db', missing, '张']]) {
      const r = cli(...args);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/数据库文件不存在/);
    }
    expect(fs.existsSync(path.dirname(missing))).toBe(false);
  });

  it('explains its usage on a missing argument', () => {
    const r = cli('import', '--json');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--db/);
  });
});
