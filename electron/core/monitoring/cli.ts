// `branch-console monitor`: runs every enabled rule over a period (default: the month of the date)
// and keeps the alerts as the console does (engine.ts), so the bank's scheduler can run it after
// the daily import; prints the run's alerts (the JSON is a contract: issue 10).
import { parseArgs } from 'node:util';
import { openExistingDb } from '../db/connection.js';
import { monthStart } from '../../../shared/dates.js';
import type { AlertJson } from '../../../shared/monitoring.js';
import { auditInTransaction } from '../audit/index.js';
import { runAndStore } from './engine.js';
import { cliDay } from '../indicators/cli-args.js';

type Out = { log: (s: string) => void; err: (s: string) => void };


export async function monitorCmd(argv: string[], out: Out): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { db: { type: 'string' }, date: { type: 'string' }, from: { type: 'string' }, json: { type: 'boolean' }, user: { type: 'string' } },
  });
  if (!values.db) throw new Error('缺少参数 --db (missing --db)');
  const date = cliDay(values.date, '--date');
  const from = values.from === undefined ? monthStart(date) : cliDay(values.from, '--from');
  const db = openExistingDb(values.db);
  try {
    const run = runAndStore(db, from, date, 'cli');
    db.transaction(() =>
      auditInTransaction(db, { username: values.user ?? 'cli', action: 'monitor_run', target: `run:${run.runId}`, detail: { from: run.period.from, to: run.period.to, alerts: run.findings.length }, origin: { source: 'cli', client: null } }),
    )();
    const alerts: AlertJson[] = run.findings.map((f) => ({
      rule: f.rule,
      subject: f.subject,
      org_id: f.org_id,
      staff_id: f.staff_id,
      period: f.period,
      score: f.score,
      summary: f.summary,
      evidence: f.evidence,
    }));
    if (values.json) out.log(JSON.stringify({ date, alerts }));
    else {
      for (const r of run.rules) out.log(`${r.rule}\t${r.findings} 条\t${r.ms} ms`);
      for (const a of alerts) out.log(`[${a.rule}] ${a.subject.type}:${a.subject.id} ${a.period} 分值 ${a.score.toFixed(0)}  ${a.summary}`);
    }
    return 0;
  } finally {
    db.close();
  }
}
