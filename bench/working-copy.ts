// A fresh copy of a kept demo bank for one bench run (what the run imports or builds must not
// reach the kept bank): the WAL folded into the file first, the card-number key beside it.
import fs from 'node:fs';
import path from 'node:path';
import { openDb } from '../electron/core/db/connection.js';

export function workingCopy(bank: string, dir: string): string {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const db = openDb(bank);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  for (const f of fs.readdirSync(path.dirname(bank))) {
    if (f === 'bank.db' || f.endsWith('.key')) fs.copyFileSync(path.join(path.dirname(bank), f), path.join(dir, f));
  }
  return path.join(dir, 'bank.db');
}
