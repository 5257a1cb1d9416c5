// ebank.sign_cancel: signings cancelled within a few days of being made. A signing counted in a
// month's figures and cancelled right after is the plainest way to make a signing target; one
// customer changing their mind is not, hence a minimum number of such signings by the same staff
// member within a window around each one.
import { addDays, daysBetween } from '../../../../../shared/dates.js';
import type { Finding, RuleDef } from '../../rule.js';
import { cnDay, scoreOver } from '../kit.js';
import { cancelledBetween, intermediateEffects, signingEvidence, type Signing } from './signings.js';

export const signCancel: RuleDef = {
  id: 'ebank.sign_cancel',
  zh: '签约后短期内解约',
  en: 'Cancelled within days of signing',
  explanation:
    '找出签约后不超过设定天数（默认7天）即解约的签约；同一营销人员在前后设定天数内有不少于设定笔数的此类签约时，对每笔提示（以解约日期所在月份计）。先签约计入当月签约户数、过几天再解约，是突击完成签约任务的典型做法；个别客户签约后改变主意属正常，因此设有最少笔数。',
  explanationEn:
    'Finds signings cancelled no more than the set number of days (7 by default) after they were made; when the same staff member has at least the set number of such signings within the window around one, each is raised (in the month of its cancellation). Signing to be counted in the month and cancelling a few days later is the typical way to make a signing target in a rush; one customer changing their mind is ordinary, hence the minimum.',
  params: [
    { key: 'max_days', zh: '签约至解约最多天数', en: 'Days from signing to cancelling, at most', kind: 'days', min: 0, max: 365, default: 7 },
    { key: 'min_per_staff', zh: '同一人员最少笔数', en: 'Such signings by one staff member, at least', kind: 'count', min: 1, max: 10_000, default: 2 },
    { key: 'window_days', zh: '同一人员计数窗口（前后天数）', en: 'Window around each (days either side)', kind: 'days', min: 0, max: 365, default: 30 },
  ],
  run({ db, period, params }) {
    const quick = (s: Signing) => s.cancel_date !== null && s.cancel_date >= s.sign_date && daysBetween(s.sign_date, s.cancel_date) <= params.max_days;
    // the window reaches outside the period so that a staff member's cases on either side of its edge count together
    const all = cancelledBetween(db, addDays(period.from, -params.window_days), addDays(period.to, params.window_days)).filter(quick);
    const byStaff = new Map<string, Signing[]>();
    for (const s of all) if (s.staff_id) byStaff.set(s.staff_id, [...(byStaff.get(s.staff_id) ?? []), s]);
    const out: Finding[] = [];
    for (const s of all) {
      if (!s.staff_id || s.cancel_date! < period.from || s.cancel_date! > period.to) continue;
      const lo = addDays(s.cancel_date!, -params.window_days);
      const hi = addDays(s.cancel_date!, params.window_days);
      const near = byStaff.get(s.staff_id)!.filter((o) => o.cancel_date! >= lo && o.cancel_date! <= hi);
      if (near.length < params.min_per_staff) continue;
      const days = daysBetween(s.sign_date, s.cancel_date!);
      out.push({
        rule: 'ebank.sign_cancel',
        subject: { type: 'signing', id: s.sign_no },
        org_id: s.org,
        staff_id: s.staff_id,
        period: s.cancel_date!.slice(0, 7),
        score: scoreOver(near.length, params.min_per_staff),
        summary:
          `签约 ${s.sign_no}（客户 ${s.cust_id}，${s.biz_type}）${cnDay(s.sign_date)} 由营销人员 ${s.staff_id} 办理，${days} 天后（${cnDay(s.cancel_date!)}）解约；` +
          `该营销人员前后 ${params.window_days} 天内共有 ${near.length} 笔签约在 ${params.max_days} 天内解约`,
        evidence: [signingEvidence(s), ...near.filter((o) => o !== s).map(signingEvidence)],
        // 中间业务有效客户 reads a signing by its stated 状态, and this one now says 已解约: judged on
        // its last day it does not count (empty), unless a file still calls it 有效
        effects: days > 0 ? intermediateEffects(db, [s], addDays(s.cancel_date!, -1), s.sign_date) : [],
      });
    }
    return out;
  },
};
