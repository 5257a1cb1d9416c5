// ebank.bulk_signing: one staff member (or one device) making far more signings in a day than
// the staff of the bank do that day and than they themselves usually do. The export carries the
// day of a signing, not its minute, so "within minutes" is read as "on one day"; the day's median
// keeps a bank-wide campaign day (everyone signing many) quiet, and their own mean over the days
// before keeps a busy counter's ordinary busy day quiet.
import { addDays, monthEnd, monthStart } from '../../../../../shared/dates.js';
import type { Finding, RuleDef } from '../../rule.js';
import { cnDay, scoreOver } from '../kit.js';
import { intermediateEffects, signedBetween, signingEvidence, type Signing } from './signings.js';

interface Burst {
  day: string;
  by: 'staff' | 'device';
  key: string;
  rows: Signing[];
  median: number;
  /** the staff member's (device's) own mean per day over the days before */
  usual: number;
}

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** 0.857… → "0.9" (a sentence only) */
function fmtMean(x: number): string {
  return (Math.round(x * 10) / 10).toFixed(1);
}

/** The staff member most of the rows name (ties: the smallest id). */
function mainStaff(rows: Signing[]): string | null {
  const n = new Map<string, number>();
  for (const r of rows) if (r.staff_id) n.set(r.staff_id, (n.get(r.staff_id) ?? 0) + 1);
  let best: string | null = null;
  for (const [s, k] of [...n].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (best === null || k > n.get(best)!) best = s;
  return best;
}

/** Whether one staff member made more than half of the rows. */
function mostlyOne(rows: Signing[]): boolean {
  const top = mainStaff(rows);
  return top !== null && rows.filter((r) => r.staff_id === top).length * 2 > rows.length;
}

export const bulkSigning: RuleDef = {
  id: 'ebank.bulk_signing',
  zh: '同一人员或设备集中签约',
  en: 'Many signings by one staff member or on one device',
  explanation:
    '找出同一营销人员、或同一签约设备在一天内办理的签约笔数达到设定值，并且既是当天全行人员（或设备）中位数、也是其本人此前日均笔数的设定倍数以上的情形。数据只有签约日期，没有时刻，因此“数分钟内”按同一天判断。短时间内在一台设备上成批签约，往往是拿客户资料代签、为完成签约考核而办，客户本人并不知情或并无需求；全行统一营销日人人都多、柜面本来业务量大的人员日常偏多，都不会因此触发；网点多名柜员轮流使用的共用设备一天签约较多（没有哪一人办理过半），只有其中从未使用的比例达到设定值时才计入。',
  explanationEn:
    'Finds a staff member, or a signing device, with at least the set number of signings in one day, and at least the set multiple of both that day\'s median over all staff (or devices) and their own mean per day over the days before. The export holds the day of a signing, not its time, so "within minutes" is judged as "on one day". A batch of signings on one device is typically made from customers\' papers to meet a signing target, without the customers knowing or needing it; a bank-wide campaign day, when everyone signs many, or a busy counter\'s ordinary busy day, does not trigger it; a device shared by several tellers on a busy day (nobody made most of its signings) counts only when at least the set share of them was never used.',
  params: [
    { key: 'min_count', zh: '单日最少签约笔数', en: 'Signings in one day, at least', kind: 'count', min: 2, max: 100_000, default: 10 },
    { key: 'peer_factor', zh: '不低于当日中位数及本人此前日均的倍数', en: "Times the day's median and their own usual day, at least", kind: 'number', min: 1, max: 1000, default: 5 },
    { key: 'baseline_days', zh: '本人此前日均的计算天数', en: 'Days their usual day is taken over', kind: 'days', min: 1, max: 365, default: 14 },
    {
      key: 'shared_unused_share',
      zh: '多人共用设备的成批签约：从未使用的比例不低于',
      en: 'A shared device’s batch (nobody made most of it): share never used, at least',
      kind: 'ratio',
      min: 0,
      max: 1,
      default: 0.5,
    },
  ],
  run({ db, period, params }) {
    const before = addDays(period.from, -params.baseline_days);
    const rows = signedBetween(db, before, period.to);
    const groups = { staff: new Map<string, Signing[]>(), device: new Map<string, Signing[]>() };
    const keysOf = { staff: new Set<string>(), device: new Set<string>() };
    // signings per staff member (device) and day, the days before the period included: their own usual day
    const daily = { staff: new Map<string, number>(), device: new Map<string, number>() };
    for (const s of rows) {
      for (const by of ['staff', 'device'] as const) {
        const k = by === 'staff' ? s.staff_id : s.device_id;
        if (!k) continue;
        const dk = `${s.sign_date}\u0001${k}`;
        daily[by].set(dk, (daily[by].get(dk) ?? 0) + 1);
        if (s.sign_date < period.from) continue;
        keysOf[by].add(k);
        const gk = `${s.sign_date}\u0001${k}`;
        const l = groups[by].get(gk);
        if (l) l.push(s);
        else groups[by].set(gk, [s]);
      }
    }
    const bursts: Burst[] = [];
    for (const by of ['staff', 'device'] as const) {
      // the day's median over every staff member (device) active in the period, zeros included
      const perDay = new Map<string, number[]>();
      for (const [gk, l] of groups[by]) {
        const day = gk.split('\u0001')[0];
        perDay.set(day, [...(perDay.get(day) ?? []), l.length]);
      }
      const med = new Map<string, number>();
      for (const [day, counts] of perDay) med.set(day, median([...counts, ...Array(Math.max(0, keysOf[by].size - counts.length)).fill(0)]));
      for (const [gk, l] of groups[by]) {
        if (l.length < params.min_count) continue;
        const [day, key] = gk.split('\u0001');
        const m = med.get(day)!;
        let own = 0;
        for (let k = 1; k <= params.baseline_days; k++) own += daily[by].get(`${addDays(day, -k)}\u0001${key}`) ?? 0;
        const usual = own / params.baseline_days;
        if (l.length < params.peer_factor * Math.max(1, m, usual)) continue;
        // A device's batch that no one staff member made most of is a shared counter pad (tellers
        // taking turns on a busy day) unless its customers mostly never used what was signed: the
        // trace of signings made from customer files, which a busy counter does not leave.
        if (by === 'device' && !mostlyOne(l) && l.filter((s) => s.last_used_date === null).length < params.shared_unused_share * l.length) continue;
        bursts.push({ day, by, key, rows: l, median: m, usual });
      }
    }
    // one alert per staff member and month: their own burst days and the device bursts they made most of
    const hits = new Map<string, { staff: string; month: string; bursts: Burst[] }>();
    for (const b of bursts) {
      const staff = b.by === 'staff' ? b.key : mainStaff(b.rows);
      if (!staff) continue;
      const hk = `${staff}\u0001${b.day.slice(0, 7)}`;
      const h = hits.get(hk) ?? { staff, month: b.day.slice(0, 7), bursts: [] };
      h.bursts.push(b);
      hits.set(hk, h);
    }
    const out: Finding[] = [];
    for (const h of hits.values()) {
      h.bursts.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.by < b.by ? 1 : -1));
      const named = new Map<string, Signing>();
      for (const b of h.bursts) for (const s of b.rows) named.set(s.sign_no, s);
      const list = [...named.values()].sort((a, b) => (a.sign_no < b.sign_no ? -1 : 1));
      const never = list.filter((s) => s.last_used_date === null).length;
      const parts = h.bursts.map((b) =>
        b.by === 'staff'
          ? `${cnDay(b.day)} 办理签约 ${b.rows.length} 笔（当日人员中位数 ${b.median} 笔，本人此前日均 ${fmtMean(b.usual)} 笔）`
          : `${cnDay(b.day)} 在设备 ${b.key} 上签约 ${b.rows.length} 笔（当日设备中位数 ${b.median} 笔，该设备此前日均 ${fmtMean(b.usual)} 笔）`,
      );
      const day = monthEnd(`${h.month}-01`) < period.to ? monthEnd(`${h.month}-01`) : period.to;
      const orgs = new Map<string, number>();
      for (const s of list) if (s.org) orgs.set(s.org, (orgs.get(s.org) ?? 0) + 1);
      const org = [...orgs].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
      out.push({
        rule: 'ebank.bulk_signing',
        subject: { type: 'staff', id: h.staff },
        org_id: org,
        staff_id: h.staff,
        period: h.month,
        score: scoreOver(Math.max(...h.bursts.map((b) => b.rows.length)), params.min_count),
        summary: `营销人员 ${h.staff} ${parts.join('；')}；这些签约中 ${never} 笔至今从未使用`,
        evidence: [
          ...h.bursts.map((b) => ({
            kind: 'figure' as const,
            id: `${b.by}:${b.key}:${b.day}`,
            fields: { 日期: b.day, 对象: b.by === 'staff' ? '营销人员' : '签约设备', 编号: b.key, 签约笔数: b.rows.length, 当日中位数: b.median, 此前日均: b.usual },
          })),
          ...list.slice(0, 60).map(signingEvidence),
        ],
        effects: intermediateEffects(db, list, day, monthStart(day)),
      });
    }
    return out;
  },
};
