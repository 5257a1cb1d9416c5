// The command line as a user runs it: a real process, real files, a real database.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../electron/core/db/connection.js';
import { cli } from './run-cli.js';
import { CUSTOMER_CSV, ORG_CSV, STAFF_CSV, tmpDir, write } from '../import/helpers.js';


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
        { file: 'org.csv', dataset: 'org', rows: 3, imported: 3, rejected: 0, warnings: 0 },
        { file: 'staff.csv', dataset: 'staff', rows: 1, imported: 1, rejected: 0, warnings: 0 },
        { file: 'customer.csv', dataset: 'customer', rows: 4, imported: 3, rejected: 1, warnings: 2 },
      ],
    });
    const d = openDb(db);
    expect(d.prepare('SELECT count(*) FROM customer').pluck().get()).toBe(3);
    expect(d.prepare("SELECT count(*) FROM audit_log WHERE action = 'import'").pluck().get()).toBe(3);
    d.close();
  });

  it('exits non-zero when a file cannot be read at all, and still imports the others', () => {
    const dir = tmpDir();
    const good = write(dir, 'org.csv', ORG_CSV);
    const bad = write(dir, 'broken.xlsx', 'not a zip');
    const r = cli('import', '--db', path.join(dir, 'b.db'), '--json', good, bad);
    expect(r.status).not.toBe(0);
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

  it('explains its usage on a missing argument', () => {
    const r = cli('import', '--json');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--db/);
  });
});
