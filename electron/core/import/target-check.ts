// The 考核目标 rows' own rules (DATA.md "target"), on top of the column readers of datasets.ts:
// - 考核期 is a month 2024-07, a quarter 2024Q3 or a year 2024 (parsePeriod of the assessment,
//   so the importer and the sheets read one grammar); stored in that canonical form, so 2024q3
//   and 2024Q3 are one key. Anything else (2024-7, 202407, 7月) is rejected: it belongs to no sheet.
// - 指标 is an indicator id or its Chinese name of the target table. Decision: an unknown name is
//   REJECTED, not kept with a warning. Kept, it would sit in the table, count as imported and
//   never reach a sheet (readTargets would list it, but only on the target screen, after the fact);
//   rejected, the import result says at once which row and which text, and the file is fixed
//   before anyone reads a sheet with 未设目标 on it. It is never matched to a near name.
// - 目标值: a number (95% is 0.95); negative is rejected (score.ts cannot judge against it); a
//   ratio above 1 is rejected (ratios are fractions: 2% is 0.02, 2 would be 200%); 0 where higher
//   is better is kept with a warning, since any actual then completes at the cap.
// - 对象编号 of an org or staff member not loaded is a warning, as any unknown reference: the org
//   or staff file may come later.
import { TARGET_INDICATORS } from '../../../shared/assessment.js';
import { parsePeriod } from '../assess/period.js';
import { indicatorOf } from '../assess/targets.js';

export interface TargetRow {
  period: string;
  subject_type: string;
  subject_id: string;
  indicator: string;
  target_value: number;
}

export interface TargetIssue {
  level: 'rejected' | 'warning';
  /** the dataset column the issue is about */
  key: 'period' | 'subject_id' | 'indicator' | 'target_value';
  value: string;
  reason: string;
  /** an unknown reference, for the result's counts */
  unknownRef?: 'org' | 'staff';
}

const INDICATOR = new Map(TARGET_INDICATORS.map((t) => [t.id, t]));

/** The row's issues and its canonical 考核期 (null when the period is rejected). */
export function checkTarget(row: TargetRow, known: { org: (id: string) => boolean; staff: (id: string) => boolean }): { period: string | null; issues: TargetIssue[] } {
  const issues: TargetIssue[] = [];
  let period: string | null = null;
  try {
    period = parsePeriod(row.period).id;
  } catch {
    issues.push({ level: 'rejected', key: 'period', value: row.period, reason: '考核期应为月 2024-07、季度 2024Q3 或年 2024 之一' });
  }
  const id = indicatorOf(row.indicator);
  if (id === null) {
    issues.push({ level: 'rejected', key: 'indicator', value: row.indicator, reason: `不是考核指标：应为指标编号或中文名之一（${TARGET_INDICATORS.map((t) => t.zh).join('、')}）` });
  }
  const v = row.target_value;
  const t = id === null ? undefined : INDICATOR.get(id);
  if (v < 0) issues.push({ level: 'rejected', key: 'target_value', value: String(v), reason: '目标值不能为负数' });
  else if (t?.unit === 'ratio' && v > 1) {
    issues.push({ level: 'rejected', key: 'target_value', value: String(v), reason: `${t.zh}是比率，目标值应为小数或百分数（2% 写作 0.02 或 2%），不能大于 1` });
  } else if (t && v === 0 && !t.lowerIsBetter) {
    issues.push({ level: 'warning', key: 'target_value', value: '0', reason: `${t.zh}目标值为 0：任何实际值都按封顶完成率计分` });
  }
  const kind = row.subject_type === '机构' ? 'org' : row.subject_type === '员工' ? 'staff' : null;
  if (kind && !known[kind](row.subject_id)) {
    const label = kind === 'org' ? '机构' : '员工';
    issues.push({ level: 'warning', key: 'subject_id', value: row.subject_id, reason: `${label}不存在（未在已导入的${label}数据中找到）`, unknownRef: kind });
  }
  return { period, issues };
}
