// Child process of atomic-profile.test.ts: imports one file as the CLI does (importPaths with the
// audit row in the file's transaction), and once ROWS rows are written inside that open
// transaction says "mid" on stdout and freezes, so the parent kills it at a known point instead
// of guessing one from the size of the WAL.
// Usage: node bin/run-ts.js tests/unit/import/kill-child.ts DB FILE ROWS
import fs from 'node:fs';
import { openDb } from '../../../electron/core/db/connection.js';
import { importAuditor } from '../../../electron/core/audit/index.js';
import { importPaths } from '../../../electron/core/import/index.js';

const [dbFile, file, rows] = process.argv.slice(2);
const db = openDb(dbFile);
let said = false;
await importPaths(db, [file], {
  username: 'cli',
  via: 'cli',
  audit: importAuditor('cli', { source: 'cli', client: null }),
  onProgress: (p) => {
    if (said || p.rows < Number(rows)) return;
    said = true;
    fs.writeSync(1, `mid ${p.rows}\n`);
    // frozen inside the transaction until killed
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  },
});
fs.writeSync(1, 'finished\n');
