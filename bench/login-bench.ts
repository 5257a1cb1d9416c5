// Login storm benchmark: how long other requests wait while failing logins are being hashed, and
// how long the event loop is ever blocked. Baseline: the same number of hashes done
// synchronously (scryptSync, as the console did before), which blocks the loop for each one.
// Figures are printed, never asserted: a shared 2-core machine varies run to run.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { openDb } from '../electron/core/db/connection.js';
import { startServer } from '../electron/server.js';

const STORM = 16;

const ms = (n: number) => `${n.toFixed(1)} ms`;
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
}

export async function runLoginBench(): Promise<void> {
  console.log(`\nLogin storm (${STORM} failing logins at once, distinct names)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-login-bench-'));
  const db = openDb(path.join(dir, 'branch-console.db'));
  const server = await startServer({ db, dataDir: dir, port: 0 });
  try {
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const t0 = performance.now();
    const storm = Array.from({ length: STORM }, (_, i) =>
      fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: `bench${i}`, password: 'wrong-password' }),
      }).then((r) => r.arrayBuffer()),
    );
    let stormDone = false;
    const all = Promise.all(storm).then(() => {
      stormDone = true;
    });
    // the status route, asked one after another for as long as the storm lasts
    const waits: number[] = [];
    while (!stormDone) {
      const t = performance.now();
      await (await fetch(`${server.url}/api/auth/status`)).arrayBuffer();
      waits.push(performance.now() - t);
    }
    await all;
    const stormMs = performance.now() - t0;
    loop.disable();
    console.log(`  storm took ${ms(stormMs)}; meanwhile ${waits.length} status requests: median ${ms(quantile(waits, 0.5))}, max ${ms(Math.max(...waits))}`);
    console.log(`  event loop blocked at most ${ms(loop.max / 1e6)} during the storm`);

    // baseline: the same hashes on the event loop
    const salt = crypto.randomBytes(16);
    const t1 = performance.now();
    const per: number[] = [];
    for (let i = 0; i < STORM; i++) {
      const t = performance.now();
      crypto.scryptSync('wrong-password', salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 + 32 * 1024 * 1024 });
      per.push(performance.now() - t);
    }
    console.log(
      `  baseline scryptSync: ${STORM} hashes block the loop ${ms(performance.now() - t1)} in all, ${ms(quantile(per, 0.5))} each` +
        ` — a request arriving during a storm would wait up to that long`,
    );
  } finally {
    await server.close();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

