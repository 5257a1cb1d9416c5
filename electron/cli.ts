// Command line: import, stats, seed, serve. Run through bin/branch-console.js (tsx), so it needs
// no build step. Each command returns its exit status instead of calling process.exit, so tests
// can call main() in-process.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDb, openExistingDb } from './core/db/connection.js';
import type { ImportFileResult } from '../shared/api.js';
import { isDay } from '../shared/dates.js';

const USAGE = `用法 / usage:
  branch-console import --db FILE [--json] [--profile PROFILE.json[:PATTERN]]... [--user NAME] PATH...
  branch-console stats  --db FILE --date YYYY-MM-DD [--org ORG] [--json]
  branch-console indicators --db FILE --date YYYY-MM-DD [--org ORG | --staff STAFF] [--exclude-confirmed] [--json]
  branch-console migration  --db FILE --from YYYY-MM-DD --to YYYY-MM-DD [--org ORG | --staff STAFF] [--json]
  branch-console assess --db FILE --period 2024-07|2024Q3|2024 [--org ORG | --staff STAFF | --all] [--json]
  branch-console monitor --db FILE --date YYYY-MM-DD [--from YYYY-MM-DD] [--json]
  branch-console reconcile --db FILE [--date YYYY-MM-DD] [--org ORG] [--import SHEET --date YYYY-MM-DD [--source TEXT] [--user NAME]] [--json]
  branch-console report --db FILE --kind assessment|ranking|bulletin (--period P | --date YYYY-MM-DD) [--org ORG | --staff STAFF] [--indicator ID|total] [--type org|staff] [--lang zh|en] --format pdf|xlsx --out FILE
  branch-console dashboard  --db FILE --id ID --date YYYY-MM-DD [--base KIND|YYYY-MM-DD] [--org ORG | --staff STAFF] [--lang zh|en] --format pdf|xlsx --out FILE
  branch-console seed   --db FILE [--scale small|medium|large] [--out DIR] [--seed N]
  branch-console seed   --out DIR [--scale small|medium|large] [--seed N]
  branch-console serve  [--db FILE] [--port N] [--host 127.0.0.1] [--allow-host NAME[,NAME]] [--cert FILE --key FILE]
  branch-console customer --db FILE [--date YYYY-MM-DD] [--org ORG] [--json] QUERY...
  branch-console route  --db FILE --date YYYY-MM-DD --staff STAFF [--max N] [--stops FILE.json] [--json]
  branch-console flows paths|generate|check --model FILE_OR_DIR [--out DIR] [--json] [--cover edges|nodes|pairs] [--max-steps K]`;

type Out = { log: (s: string) => void; err: (s: string) => void };
const std: Out = { log: (s) => process.stdout.write(s + '\n'), err: (s) => process.stderr.write(s + '\n') };

export async function main(argv: string[], out: Out = std): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'import':
        return await importCmd(rest, out);
      case 'stats':
        return await statsCmd(rest, out);
      case 'seed':
        return await seedCmd(rest, out);
      case 'indicators':
        return await (await import('./core/indicators/cli.js')).indicatorsCmd(rest, out);
      case 'migration':
        return await (await import('./core/indicators/cli.js')).migrationCmd(rest, out);
      case 'monitor':
        return await (await import('./core/monitoring/cli.js')).monitorCmd(rest, out);
      case 'assess':
        return await (await import('./core/assess/cli.js')).assessCmd(rest, out);
      case 'reconcile':
        return await (await import('./core/reconcile/cli.js')).reconcileCmd(rest, out);
      case 'report':
        return await (await import('./core/report/cli.js')).reportCmd(rest, out);
      case 'dashboard':
        return await (await import('./core/documents/cli.js')).dashboardCmd(rest, out);
      case 'serve':
        return await serveCmd(rest, out);
      case 'customer':
        return await customerCmd(rest, out);
      case 'route':
        return await (await import('./core/grid/route/cli.js')).routeCmd(rest, out);
      case 'flows':
        return await (await import('./core/flows/cli.js')).flowsCmd(rest, out);
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        out.log(USAGE);
        return cmd ? 0 : 2;
      default:
        out.err(`未知命令 / unknown command: ${cmd}\n${USAGE}`);
        return 2;
    }
  } catch (e) {
    out.err(e instanceof Error ? e.message : String(e));
    return 2;
  }
}

function need<T>(v: T | undefined, what: string): T {
  if (v === undefined || v === '') throw new Error(`缺少参数 ${what}\n${USAGE}`);
  return v;
}

async function importCmd(argv: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      json: { type: 'boolean' },
      profile: { type: 'string', multiple: true },
      user: { type: 'string' },
    },
  });
  const dbFile = need(values.db, '--db');
  if (!positionals.length) throw new Error(`缺少要导入的文件或文件夹\n${USAGE}`);
  const { importPaths, loadProfileFile, splitProfileArg } = await import('./core/import/index.js');
  const { importAuditor } = await import('./core/audit/index.js');
  const profiles = [];
  for (const arg of values.profile ?? []) {
    const { file, pattern } = splitProfileArg(arg);
    profiles.push({ profile: await loadProfileFile(file), pattern });
  }
  const db = openDb(dbFile);
  try {
    const username = values.user ?? 'cli';
    // each file's audit row is written inside the file's own transaction
    const audit = importAuditor(username, { source: 'cli', client: null });
    const results = await importPaths(db, positionals, { username, profiles, via: 'cli', audit });
    if (values.json) out.log(JSON.stringify({ files: results.map(importResultJson) }));
    else for (const r of results) out.log(importResultLine(r));
    for (const r of results) if (r.error) out.err(r.error);
    return results.some((r) => r.error) ? 1 : 0;
  } finally {
    db.close();
  }
}

/** The `import --json` contract, one object per file. */
function importResultJson(r: ImportFileResult) {
  return {
    file: r.file,
    dataset: r.dataset,
    rows: r.rows,
    imported: r.imported,
    unchanged: r.unchanged,
    rejected: r.rejected,
    warnings: r.warnings,
    unknown_refs: r.unknownRefs ?? { customer: 0, org: 0, staff: 0 },
    rejected_rows: (r.firstRejected ?? []).map(({ row, column, value, reason }) => ({ row, column, value, reason })),
    ...(r.error ? { error: r.error } : {}),
  };
}

function importResultLine(r: ImportFileResult): string {
  if (r.error) return `✗ ${r.error}`;
  const line = `✓ ${r.file} [${r.dataset}] 读取 ${r.rows} 行，导入 ${r.imported}（新增 ${r.inserted}，替换 ${r.replaced}），未变 ${r.unchanged}，拒绝 ${r.rejected}，警告 ${r.warnings}`;
  const u = r.unknownRefs;
  const refs = u ? [['客户', u.customer], ['机构', u.org], ['员工', u.staff]].filter(([, n]) => n) : [];
  const refLine = refs.length ? `\n  未加载的引用：${refs.map(([k, n]) => `${n} 行指向未导入的${k}`).join('，')}（这些行已保存，但不计入任何机构的数字）` : '';
  const first = (r.firstRejected ?? []).slice(0, 5).map((i) => `\n  拒绝 第 ${i.row ?? '-'} 行 ${i.column ?? ''}${i.value ? `「${i.value}」` : ''}：${i.reason}`);
  return line + refLine + first.join('');
}

async function statsCmd(argv: string[], out: Out): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { db: { type: 'string' }, date: { type: 'string' }, json: { type: 'boolean' }, org: { type: 'string' } },
  });
  const dbFile = need(values.db, '--db');
  const date = need(values.date, '--date');
  if (!isDay(date)) throw new Error(`--date 应为 YYYY-MM-DD 且确有其日：${date}`);
  const { scopedStats } = await import('./core/metrics/stats.js');
  const { cliScope } = await import('./core/scope/cli.js');
  const db = openExistingDb(dbFile);
  try {
    // the whole bank, or --org and the orgs below it; rows no org owns only for the whole bank
    const stats = scopedStats(db, date, cliScope(db, values.org));
    if (values.json) out.log(JSON.stringify(stats));
    else {
      for (const o of stats.orgs) {
        // the JSON carries the unrounded ratio; this line is for reading, so a percentage with 2 decimals
        out.log(`${o.org_id}\t${o.name}\t存款 ${o.deposit_balance}\t贷款 ${o.loan_balance}\t不良率 ${o.npl_ratio === null ? '-' : `${(o.npl_ratio * 100).toFixed(2)}%`}`);
      }
      const u = stats.unassigned;
      if (u && u.unknown_orgs.length) {
        out.log(`不属于任何机构\t客户 ${u.customers}\t存款 ${u.deposit_balance}\t贷款 ${u.loan_balance}\t商户 ${u.merchants}\t${u.reason}`);
      }
    }
    return 0;
  } finally {
    db.close();
  }
}

async function seedCmd(argv: string[], out: Out): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { db: { type: 'string' }, scale: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' } },
  });
  const scale = (values.scale ?? 'small') as 'small' | 'medium' | 'large';
  if (!['small', 'medium', 'large'].includes(scale)) throw new Error(`--scale 应为 small、medium 或 large：${scale}`);
  if (!values.db && !values.out) throw new Error(`seed 需要 --db 或 --out\n${USAGE}`);
  const { seedDemoBank } = await import('./core/first-run.js');
  const outDir = values.out ?? path.join(path.dirname(path.resolve(values.db!)), 'demo-exports');
  const r = await seedDemoBank({ outDir, scale, seed: values.seed ? Number(values.seed) : undefined, dbFile: values.db });
  out.log(`已生成演示银行导出文件 ${r.files.length} 个：${outDir}`);
  if (r.results) {
    const failed = r.results.filter((x) => x.error);
    out.log(`已导入 ${values.db}：${r.results.reduce((s, x) => s + x.imported, 0)} 行，失败文件 ${failed.length} 个`);
    for (const f of failed) out.err(f.error!);
    return failed.length ? 1 : 0;
  }
  return 0;
}

async function customerCmd(argv: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { db: { type: 'string' }, date: { type: 'string' }, json: { type: 'boolean' }, org: { type: 'string' } },
  });
  const dbFile = need(values.db, '--db');
  if (!positionals.length) throw new Error(`缺少要查询的客户（手机号、姓名、拼音首字母、证件或卡号尾号、客户号）\n${USAGE}`);
  if (values.date !== undefined && !isDay(values.date)) throw new Error(`--date 应为 YYYY-MM-DD 且确有其日：${values.date}`);
  const { lookupCustomers, customerTable } = await import('./core/crm/search-cli.js');
  const { cliScope } = await import('./core/scope/cli.js');
  const db = openExistingDb(dbFile);
  try {
    const r = lookupCustomers(db, cliScope(db, values.org), positionals, values.date);
    if (values.json) out.log(JSON.stringify({ results: r.results }));
    else for (const line of customerTable(r)) out.log(line);
    return 0;
  } finally {
    db.close();
  }
}

async function serveCmd(argv: string[], out: Out): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      static: { type: 'string' },
      'allow-host': { type: 'string', multiple: true },
      cert: { type: 'string' },
      key: { type: 'string' },
    },
  });
  const { startWebMode } = await import('./web-mode.js');
  const { url, intranet, close } = await startWebMode({
    dbFile: values.db,
    port: values.port ? Number(values.port) : undefined,
    host: values.host,
    staticDir: values.static,
    allowHosts: (values['allow-host'] ?? []).flatMap((v) => v.split(',')).filter((v) => v.trim() !== ''),
    certFile: values.cert,
    keyFile: values.key,
  });
  out.log(`网点工作台（网页模式）/ Branch Console web mode: ${url}`);
  if (intranet && url.startsWith('http:')) {
    out.err('注意：内网模式未提供证书，密码将以明文在网络上传输；请用 --cert 与 --key 启用 HTTPS。 (Warning: no certificate; passwords cross the network in clear.)');
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await close();
  return 0;
}
