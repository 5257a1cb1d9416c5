// ebank.never_used: signings never used once the set number of days (30) have passed. One
// customer who never got round to mobile banking is ordinary (a few percent of all signings); the
// case is a staff member's signings that are mostly never used: on one day (a batch signed for
// the count) or over the month they reached their 30th day in. Each such signing is an alert.
import { addDays } from '../../../../../shared/dates.js';
import type { Finding, RuleDef } from '../../rule.js';
import { cnDay, cnPct, scoreOver } from '../kit.js';
import { signedBetween, signingEvidence, type Signing } from './signings.js';

interface Group {
  all: number;
  never: Signing[];
}

export const neverUsed: RuleDef = {
  id: 'ebank.never_used',
  zh: '签约后从未使用',
  en: 'Signed, never used',
  explanation:
    '找出签约满设定天数（默认30天）仍从未使用（无最近使用日期）的签约：当同一营销人员同一天办理的签约中、或在同一个月满期的签约中，从未使用的笔数和占比都达到设定值时，对其中每笔从未使用的签约提示。个别客户签约后没有使用很常见；成批签约却无人使用，说明签约是为完成手机银行、绑卡等考核任务而办，客户并无需求，虚增了签约户数。',
  explanationEn:
    'Finds signings still never used (no last-use date) once the set number of days (30 by default) have passed: when, among the signings one staff member made on one day, or among theirs that reached that age in one month, the never-used ones reach both the set count and share, each never-used signing is raised. One customer not using a service is common; batches of signings nobody uses show signings made to meet a mobile-banking or card-binding target for customers who had no need, inflating the signing count.',
  params: [
    { key: 'days', zh: '签约后观察天数', en: 'Days after signing', kind: 'days', min: 1, max: 365, default: 30 },
    { key: 'min_day', zh: '同日从未使用最少笔数', en: 'Never used among one day\'s signings, at least', kind: 'count', min: 1, max: 10_000, default: 5 },
    { key: 'min_month', zh: '同月满期从未使用最少笔数', en: 'Never used among one month\'s, at least', kind: 'count', min: 1, max: 10_000, default: 10 },
    { key: 'share', zh: '从未使用占比不低于', en: 'Share never used, at least', kind: 'ratio', min: 0, max: 1, default: 0.5 },
  ],
  run({ db, period, params }) {
    const seen = (s: Signing) => addDays(s.sign_date, params.days);
    const rows = signedBetween(db, addDays(period.from, -params.days), addDays(period.to, -params.days)).filter(
      // a signing cancelled before its day of reckoning is ebank.sign_cancel's, not this rule's
      (s) => s.staff_id !== null && (s.cancel_date === null || s.cancel_date > seen(s)),
    );
    const byDay = new Map<string, Group>();
    const byMonth = new Map<string, Group>();
    const add = (m: Map<string, Group>, k: string, s: Signing) => {
      const g = m.get(k) ?? { all: 0, never: [] };
      g.all++;
      if (s.last_used_date === null) g.never.push(s);
      m.set(k, g);
    };
    const ok = (g: Group | undefined, min: number) => g !== undefined && g.never.length >= min && g.never.length / g.all >= params.share;
    for (const s of rows) add(byDay, `${s.staff_id}\u0001${s.sign_date}`, s);
    // the month is judged on the signings outside a day already caught, so one day's batch does
    // not sweep the staff member's ordinary signings of that month in with it
    for (const s of rows) if (!ok(byDay.get(`${s.staff_id}\u0001${s.sign_date}`), params.min_day)) add(byMonth, `${s.staff_id}\u0001${seen(s).slice(0, 7)}`, s);
    const out: Finding[] = [];
    for (const s of rows) {
      if (s.last_used_date !== null) continue;
      const day = byDay.get(`${s.staff_id}\u0001${s.sign_date}`);
      const month = byMonth.get(`${s.staff_id}\u0001${seen(s).slice(0, 7)}`);
      const dayHit = ok(day, params.min_day);
      const monthHit = ok(month, params.min_month);
      if (!dayHit && !monthHit) continue;
      const g = dayHit ? day! : month!;
      const share = g.never.length / g.all;
      const where = dayHit ? `${cnDay(s.sign_date)} 办理的` : `${+seen(s).slice(5, 7)}月满 ${params.days} 天的`;
      out.push({
        rule: 'ebank.never_used',
        subject: { type: 'signing', id: s.sign_no },
        org_id: s.org,
        staff_id: s.staff_id,
        period: seen(s).slice(0, 7),
        score: scoreOver(share, params.share),
        summary:
          `签约 ${s.sign_no}（客户 ${s.cust_id}，${s.biz_type}）${cnDay(s.sign_date)} 由营销人员 ${s.staff_id} 办理，满 ${params.days} 天（${seen(s)}）仍从未使用；` +
          `该营销人员${where} ${g.all} 笔签约中 ${g.never.length} 笔（${cnPct(share)}）从未使用`,
        evidence: [signingEvidence(s), ...g.never.filter((o) => o !== s).slice(0, 30).map(signingEvidence)],
        // 中间业务有效客户 counts a customer only through a signing used within 90 days: a signing
        // never used never made anyone count, so there is nothing to take out
        effects: [],
      });
    }
    return out;
  },
};
