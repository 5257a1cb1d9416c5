// `branch-console assess`: a period's sheets for the bank's own tools (the JSON is a contract:
// issue 12): {"period","as_of","sheets":[{"object","scheme_version","rows":[{"indicator","target",
// "actual","completion","weight","score"}],"deductions","adjustments","total","full","rank"}]} with
// money in 元 and ratios, completions and scores unrounded; extra fields (progress, locked, the
// items behind deductions and adjustments) ride along. The command line sees the whole bank.
import { parseArgs } from 'node:util';
import { TARGET_INDICATORS } from '../../../shared/assessment.js';
import { openExistingDb } from '../db/connection.js';
import { wholeBankScope } from '../scope/index.js';
import { assess } from './assess.js';

type Out = { log: (s: string) => void; err: (s: string) => void };
const ZH = new Map(TARGET_INDICATORS.map((t) => [t.id, t]));

export async function assessCmd(argv: string[], out: Out): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { db: { type: 'string' }, period: { type: 'string' }, org: { type: 'string' }, staff: { type: 'string' }, all: { type: 'boolean' }, json: { type: 'boolean' } },
  });
  if (!values.db) throw new Error('缺少参数 --db (missing --db)');
  if (values.period === undefined || values.period === '') throw new Error('缺少参数 --period（2024-07、2024Q3 或 2024） (missing --period)');
  const db = openExistingDb(values.db);
  try {
    const result = assess(db, values.period, wholeBankScope(), { org: values.org, staff: values.staff, all: values.all });
    if (values.json) {
      out.log(JSON.stringify(result));
      return 0;
    }
    out.log(`考核期 ${result.period}  评价日 ${result.as_of}${result.progress ? '（进度）' : ''}${result.locked ? `  已锁定 ${result.locked.at}${result.locked.data_changed_since ? '（数据已变化）' : ''}` : ''}`);
    for (const s of result.sheets) {
      out.log(`\n${s.object.type === 'org' ? '机构' : '员工'} ${s.object.id} ${s.object.name}  方案 v${s.scheme_version}  得分 ${s.total.toFixed(2)} / ${s.full}  排名 ${s.rank}`);
      for (const r of s.rows) {
        const t = ZH.get(r.indicator)!;
        const fmt = (v: number | null) => (v === null ? '-' : t.unit === 'ratio' ? `${(v * 100).toFixed(2)}%` : t.unit === 'yuan' ? v.toFixed(2) : String(v));
        out.log(`  ${t.zh}\t目标 ${r.target === null ? '未设目标' : fmt(r.target)}\t实际 ${fmt(r.actual)}\t完成 ${r.completion === null ? '-' : `${(r.completion * 100).toFixed(1)}%`}\t权重 ${r.weight}\t得分 ${r.score.toFixed(2)}`);
      }
      out.log(`  扣分 ${s.deductions}  加减分 ${s.adjustments}`);
    }
    return 0;
  } finally {
    db.close();
  }
}
