// merchant.self_paid: a merchant paid by its own 法人 or by the 客户经理 who brought it in, where
// the data identifies them. What the data lets us match:
// - 付款方标识 equal to the merchant's own 结算账号, or to an account number of its 法人客户号 in
//   the latest deposit snapshot of the period: the owner paying itself;
// - equal to an account number of a customer whose 手机号码 is the 拓展客户经理's own (the staff
//   table's phone): the manager paying, through their own customer record;
// - the token of a card of either (any status: a card cancelled since may have paid in the month).
//   Cards keep no number, only keyed hashes (card-number.ts), so a payer is matched by keying its
//   token the same way; cards imported before migration 017 have no key until imported again.
import type { Db } from '../../../db/connection.js';
import { cardHasher, payerToken } from '../../../import/card-number.js';
import { latestSnapshot } from '../../../rules/in-service.js';
import type { Finding, RuleDef, RunPeriod } from '../../rule.js';
import { cnMoney, cnPct, scoreOver } from '../kit.js';
import { figures, merchantEffects, merchantEvidence, merchantFinding, merchantName, monthTxns, readMerchants, sample, txnEvidence } from './month.js';

type Who = { role: '法人' | '拓展客户经理'; how: string; cust_id: string | null };

/** identifier (account number) → who it identifies, per merchant */
function identities(db: Db, period: RunPeriod): Map<string, Map<string, Who>> {
  const merchants = [...readMerchants(db).values()];
  const staffCusts = new Map<string, string[]>();
  for (const r of db
    .prepare(`SELECT s.staff_id, c.cust_id FROM staff s JOIN customer c ON c.phone = s.phone WHERE length(s.phone) >= 7`)
    .all() as { staff_id: string; cust_id: string }[]) {
    staffCusts.set(r.staff_id, [...(staffCusts.get(r.staff_id) ?? []), r.cust_id]);
  }
  const custIds = new Set<string>();
  for (const m of merchants) {
    if (m.owner_cust_id) custIds.add(m.owner_cust_id);
    for (const c of (m.manager_id && staffCusts.get(m.manager_id)) || []) custIds.add(c);
  }
  const accounts = new Map<string, string[]>();
  const snap = latestSnapshot(db, 'deposit', period.to);
  if (snap) {
    for (const r of db
      .prepare(`SELECT acct_no, cust_id FROM deposit WHERE data_date = ? AND cust_id IN (SELECT value FROM json_each(?))`)
      .all(snap, JSON.stringify([...custIds])) as { acct_no: string; cust_id: string }[]) {
      accounts.set(r.cust_id, [...(accounts.get(r.cust_id) ?? []), r.acct_no]);
    }
  }
  const cards = new Map<string, { key: string; masked: string }[]>();
  for (const r of db
    .prepare(`SELECT cust_id, payer_key AS key, COALESCE(card_no_masked, '') AS masked FROM card WHERE payer_key IS NOT NULL AND cust_id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify([...custIds])) as { cust_id: string; key: string; masked: string }[]) {
    cards.set(r.cust_id, [...(cards.get(r.cust_id) ?? []), r]);
  }
  const out = new Map<string, Map<string, Who>>();
  for (const m of merchants) {
    const ids = new Map<string, Who>();
    // DATA.md: 付款方标识 is a hashed card or account. An account payer is matched in the clear and
    // as the acquiring export's token of it (the first 16 hex digits of its SHA-256, upper case)
    const both = (acct: string, who: Who) => {
      ids.set(acct, who);
      ids.set(payerToken(acct), who);
    };
    // a card is known by its keyed token only: the map holds the keyed form, run() keys each payer
    const card = (k: { key: string; masked: string }, who: Who) => ids.set(k.key, who);
    for (const c of (m.manager_id && staffCusts.get(m.manager_id)) || []) {
      for (const a of accounts.get(c) ?? []) both(a, { role: '拓展客户经理', how: `客户经理手机号对应客户 ${c} 的存款账号`, cust_id: c });
      for (const k of cards.get(c) ?? []) card(k, { role: '拓展客户经理', how: `客户经理手机号对应客户 ${c} 的银行卡 ${k.masked}`, cust_id: c });
    }
    if (m.owner_cust_id) for (const a of accounts.get(m.owner_cust_id) ?? []) both(a, { role: '法人', how: `法人客户 ${m.owner_cust_id} 的存款账号`, cust_id: m.owner_cust_id });
    if (m.owner_cust_id) for (const k of cards.get(m.owner_cust_id) ?? []) card(k, { role: '法人', how: `法人客户 ${m.owner_cust_id} 的银行卡 ${k.masked}`, cust_id: m.owner_cust_id });
    if (m.settle_acct) both(m.settle_acct, { role: '法人', how: '商户结算账号', cust_id: m.owner_cust_id });
    if (ids.size) out.set(m.merchant_id, ids);
  }
  return out;
}

export const selfPaid: RuleDef = {
  id: 'merchant.self_paid',
  zh: '商户法人或拓展客户经理自付交易',
  en: 'Paid by its owner or its manager',
  explanation:
    '找出付款方就是商户法人本人（商户结算账号、法人名下存款账号或银行卡）或拓展该商户的客户经理本人（按员工手机号对应的客户名下账号或银行卡）的交易，当月达到设定笔数即提示。自己给自己的商户刷卡付款，资金转一圈又回到自己手里，却虚增了交易笔数、金额和付款人数，是最直接的虚假交易。付款方标识按收单导出的规则（卡号或账号的 SHA-256 前16位）比对；本系统不保存卡号，只保存其密钥哈希，比对时同样加密钥后匹配。升级前导入的银行卡需重新导入一次银行卡文件后才能参与比对。',
  explanationEn:
    "Finds transactions whose payer is the merchant's own owner (its settlement account, a deposit account or a card of the owner customer) or the manager who brought the merchant in (an account or card of the customer whose phone is the manager's), and raises an alert at the set number of them in the month. Paying one's own merchant sends money round in a circle while adding transactions, amount and payers: the plainest fictitious trade. Payers are matched by the acquiring export's token (the first 16 hex digits of SHA-256 of the card or account number); card numbers are not kept, only keyed hashes, so the token is keyed the same way before matching. Cards imported before this version take part once the card file is imported again.",
  // 10 by default: an owner who now and then buys at their own shop (fuels the car at their own
  // station, eats at their own 面馆) is ordinary trade, seen in the demo as 3 payments a month;
  // payments that inflate the figures come in numbers that move a merchant towards the 有效 bar
  // (30 transactions a month), and a third of that bar is where one person's paying stops being incidental
  params: [{ key: 'min_txns', zh: '当月自付最少笔数', en: 'Self-paid transactions in the month, at least', kind: 'count', min: 1, max: 100_000, default: 10 }],
  run({ db, period, params }) {
    const t = monthTxns(db, period);
    const known = identities(db, period);
    // each distinct payer keyed once, and only when some merchant is known to have card identities
    const anyCard = db.prepare('SELECT 1 FROM card WHERE payer_key IS NOT NULL LIMIT 1').get() !== undefined;
    const hash = anyCard ? cardHasher(db) : null;
    const keyed: (string | undefined)[] = [];
    const keyedOf = (p: number) => (keyed[p] ??= hash!(t.payers[p]));
    const out: Finding[] = [];
    for (const g of t.groups) {
      const ids = known.get(g.merchant);
      if (!ids) continue;
      const hit = new Map<number, Who>();
      for (let i = g.start; i < g.end; i++) {
        const p = t.payer[i];
        const who = p < 0 ? undefined : (ids.get(t.payers[p]) ?? (hash ? ids.get(keyedOf(p)) : undefined));
        if (who) hit.set(i, who);
      }
      if (hit.size < params.min_txns) continue;
      const rows = [...hit.keys()];
      const f = figures(t, g);
      const fen = rows.reduce((s, i) => s + t.fen[i], 0);
      const people = new Map<string, Who>();
      for (const [i, who] of hit) people.set(t.payers[t.payer[i]], who);
      const roles = [...new Set([...people.values()].map((w) => w.role))].join('、');
      out.push(
        merchantFinding('merchant.self_paid', g, {
          score: scoreOver(hit.size, params.min_txns),
          summary: `${merchantName(g)} 有 ${hit.size} 笔共 ${cnMoney(fen)}（占交易金额 ${cnPct(f.fen > 0 ? fen / f.fen : 0)}）由${roles}本人账户或银行卡支付`,
          evidence: [
            merchantEvidence(g, f),
            ...[...people].map(([payer, who]) => ({ kind: 'customer' as const, id: who.cust_id ?? payer, fields: { 身份: who.role, 付款方标识: payer, 识别依据: who.how } })),
            ...txnEvidence(db, sample(rows, 40).map((i) => t.rowid[i]), (rowid) => hit.get(rows.find((i) => t.rowid[i] === rowid)!)?.role ?? null),
          ],
          effects: merchantEffects(t, g, period, (i) => hit.has(i), 'always'),
        }),
      );
    }
    return out;
  },
};
