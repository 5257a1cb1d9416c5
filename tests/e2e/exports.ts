// Reads the demo export files independently of the importer, so the e2e tests can check the
// figures the UI shows against numbers computed here from the files themselves.
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';

export interface Table {
  file: string;
  header: string[];
  rows: string[][];
}

function decode(buf: Buffer): string {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  try {
    return utf8.decode(buf).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(buf);
  }
}

export function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out.sort();
}

// the export files do not change during a run: each is parsed once per worker
const parsed = new Map<string, Table>();

export function readTable(file: string): Table {
  const known = parsed.get(file);
  if (known) return known;
  const r = Papa.parse<string[]>(decode(fs.readFileSync(file)), { skipEmptyLines: 'greedy' });
  const [header, ...rows] = r.data;
  const t = { file, header: header.map((h) => h.trim()), rows };
  parsed.set(file, t);
  return t;
}

/** The delimited file whose header has one of these names (Chinese, key or EAST code). */
export function findTable(dir: string, names: string[]): Table {
  for (const f of listFiles(dir)) {
    if (!/\.(csv|txt|tsv|dat)$/i.test(f)) continue;
    const t = readTable(f);
    if (t.header.some((h) => names.includes(h))) return t;
  }
  throw new Error(`no export file in ${dir} has a column ${names.join('/')}`);
}

/** Σ 账户余额 (in 分, exact) of the deposit rows at their latest 数据日期. */
export function depositTotalAtLatest(dir: string): { date: string; fen: bigint; rows: number } {
  const t = findTable(dir, ['账户余额', 'CKYE']);
  const col = (names: string[]) => t.header.findIndex((h) => names.includes(h));
  const iDate = col(['数据日期', 'data_date', 'CJRQ']);
  const iBal = col(['账户余额', 'balance', 'CKYE']);
  const norm = (d: string) => {
    const m = /^(\d{4})[-/]?(\d{1,2})[-/]?(\d{1,2})$/.exec(d.trim());
    return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : d;
  };
  const latest = t.rows.map((r) => norm(r[iDate])).reduce((a, b) => (b > a ? b : a), '');
  let fen = 0n;
  for (const r of t.rows) {
    if (norm(r[iDate]) !== latest) continue;
    const s = r[iBal].replace(/,/g, '').trim();
    if (!/^-?\d+(\.\d{1,2})?$/.test(s)) continue; // unreadable: the importer rejects the row
    const [int, frac = ''] = s.replace('-', '').split('.');
    const v = BigInt(int) * 100n + BigInt((frac + '00').slice(0, 2));
    fen += s.startsWith('-') ? -v : v;
  }
  return { date: latest, fen, rows: t.rows.length };
}

/** 分 → the 万元 text the UI shows: two decimals, half away from zero, thousands grouped. */
export function fenToWanText(fen: bigint): string {
  const neg = fen < 0n;
  const a = neg ? -fen : fen;
  const h = (a * 2n + 10_000n) / 20_000n; // hundredths of 万元, rounded half up
  const int = (h / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${int}.${(h % 100n).toString().padStart(2, '0')}`;
}

// --- the home page's headline of the whole bank, worked out from the files by DATA.md ---

const normDate = (d: string | undefined): string => {
  const m = /^(\d{4})[-/]?(\d{1,2})[-/]?(\d{1,2})$/.exec((d ?? '').trim());
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : '';
};

/** 元 text → exact 分, or null when the importer would reject it. */
function fenOf(s: string | undefined): bigint | null {
  const t = (s ?? '').replace(/,/g, '').trim();
  if (!/^-?\d+(\.\d{1,2})?$/.test(t)) return null;
  const [int, frac = ''] = t.replace('-', '').split('.');
  const v = BigInt(int) * 100n + BigInt((frac + '00').slice(0, 2));
  return t.startsWith('-') ? -v : v;
}

/** a column reader of a table by any of its header spellings (Chinese, key, EAST code) */
function columns(t: Table) {
  return (names: string[]) => {
    const i = t.header.findIndex((h) => names.includes(h));
    if (i < 0) throw new Error(`${t.file} has no column ${names.join('/')}`);
    return (row: string[]) => (row[i] ?? '').trim();
  };
}

export interface Headline {
  /** the data date of the home page: the latest deposit date */
  date: string;
  customers: number;
  depositFen: bigint;
  depositAvgFen: bigint;
  loanFen: bigint;
  nplFen: bigint;
  creditFen: bigint;
  overdueFen: bigint;
  merchants: number;
  highQualityMerchants: number;
}

/**
 * The whole bank's figures as DATA.md defines them, from the export files alone: a row belongs to
 * its own 所属机构号, else its customer's; the bank is every loaded org (rows of an org that is not
 * loaded count nowhere); snapshots are the latest 数据日期 ≤ the date; the month average carries
 * each snapshot forward day by day and rounds half up to 分.
 */
export function bankHeadline(dir: string): Headline {
  const orgT = findTable(dir, ['机构名称']);
  const orgs = new Set(orgT.rows.map(columns(orgT)(['机构号', 'org_id'])));

  const custT = findTable(dir, ['客户名称', 'KHXM']);
  const cc = columns(custT);
  const [cId, cName, cOrg, cOpen] = [cc(['客户号', 'cust_id', 'KHTYBH']), cc(['客户名称', 'name', 'KHXM']), cc(['所属机构号', 'org_id', 'NBJGH']), cc(['建档日期', 'open_date'])];
  const customers = new Map<string, { org: string; open: string }>();
  for (const r of custT.rows) {
    // a row missing a required value is rejected; a repeated key keeps the first
    if (!cId(r) || !cName(r) || !cOrg(r) || customers.has(cId(r))) continue;
    customers.set(cId(r), { org: cOrg(r), open: normDate(cOpen(r)) });
  }
  const inBank = (own: string, cust: string) => orgs.has(own || (customers.get(cust)?.org ?? ''));

  // deposits: the day totals of each snapshot
  const depT = findTable(dir, ['账户余额', 'CKYE']);
  const dc = columns(depT);
  const [dDate, dBal, dOrg, dCust] = [dc(['数据日期', 'data_date', 'CJRQ']), dc(['账户余额', 'balance', 'CKYE']), dc(['所属机构号', 'org_id', 'NBJGH']), dc(['客户号', 'cust_id', 'KHTYBH'])];
  const dayTotal = new Map<string, bigint>();
  for (const r of depT.rows) {
    const fen = fenOf(dBal(r));
    const d = normDate(dDate(r));
    if (fen === null || !d) continue;
    dayTotal.set(d, (dayTotal.get(d) ?? 0n) + (inBank(dOrg(r), dCust(r)) ? fen : 0n));
  }
  const snapshots = [...dayTotal.keys()].sort();
  const date = snapshots[snapshots.length - 1];
  const depositFen = dayTotal.get(date)!;
  // Σ over July 1 … date of the latest snapshot ≤ that day (0 before the first), ÷ days, 四舍五入
  let sum = 0n;
  const days = Number(date.slice(8, 10));
  for (let day = 1; day <= days; day++) {
    const d = `${date.slice(0, 8)}${String(day).padStart(2, '0')}`;
    const snap = snapshots.filter((s) => s <= d).pop();
    sum += snap ? dayTotal.get(snap)! : 0n;
  }
  const depositAvgFen = (sum * 2n + BigInt(days)) / (2n * BigInt(days));

  // loans: the latest loan snapshot ≤ date
  const loanT = findTable(dir, ['贷款余额', 'DKYE']);
  const lc = columns(loanT);
  const [lDate, lBal, lGuar, lClass, lOver, lOrg, lCust] = [
    lc(['数据日期', 'data_date', 'CJRQ']), lc(['贷款余额', 'balance', 'DKYE']), lc(['担保方式', 'guarantee']), lc(['五级分类', 'class5', 'DKWJFL']),
    lc(['逾期天数', 'overdue_days']), lc(['所属机构号', 'org_id', 'NBJGH']), lc(['客户号', 'cust_id', 'KHTYBH']),
  ];
  const loanDate = loanT.rows.map((r) => normDate(lDate(r))).filter((d) => d && d <= date).sort().pop();
  let [loanFen, nplFen, creditFen, overdueFen] = [0n, 0n, 0n, 0n];
  for (const r of loanT.rows) {
    const fen = fenOf(lBal(r));
    if (normDate(lDate(r)) !== loanDate || fen === null || !inBank(lOrg(r), lCust(r))) continue;
    loanFen += fen;
    // 五级分类 as label or code: 次级[3] 可疑[4] 损失[5]
    if (['次级', '可疑', '损失', '3', '4', '5'].includes(lClass(r))) nplFen += fen;
    if (lGuar(r) === '信用') creditFen += fen;
    if (Number(lOver(r) || 0) > 0) overdueFen += fen;
  }

  // merchants in service: 状态 正常, signed on or before the date; a merchant's customer is its 法人客户号
  const merT = findTable(dir, ['商户名称', 'merchant_id']);
  const mc = columns(merT);
  const [mStatus, mSign, mOrg, mOwner] = [mc(['状态', 'status']), mc(['签约日期', 'sign_date']), mc(['所属机构号', 'org_id']), mc(['法人客户号', 'owner_cust_id'])];
  const mId = mc(['商户号', 'merchant_id']);
  const serving = new Set(merT.rows.filter((r) => mStatus(r) === '正常' && normDate(mSign(r)) !== '' && normDate(mSign(r)) <= date && inBank(mOrg(r), mOwner(r))).map(mId));
  const merchants = serving.size;

  // 高质量: ≥ 20 active days, ≥ 100 transactions, ≥ 30 distinct payers in the month up to the date, 消费 only
  const txnT = findTable(dir, ['交易流水号', 'txn_id']);
  const tc = columns(txnT);
  const [tMer, tTime, tPayer, tType] = [tc(['商户号', 'merchant_id']), tc(['交易时间', 'txn_time']), tc(['付款方标识', 'payer_id']), tc(['交易类型', 'txn_type'])];
  const month = new Map<string, { days: Set<string>; n: number; payers: Set<string> }>();
  for (const r of txnT.rows) {
    const day = normDate(tTime(r).slice(0, 10));
    if (!serving.has(tMer(r)) || tType(r) !== '消费' || day < `${date.slice(0, 8)}01` || day > date) continue;
    const m = month.get(tMer(r)) ?? { days: new Set(), n: 0, payers: new Set() };
    m.days.add(day);
    m.n++;
    if (tPayer(r)) m.payers.add(tPayer(r));
    month.set(tMer(r), m);
  }
  const highQualityMerchants = [...month.values()].filter((m) => m.days.size >= 20 && m.n >= 100 && m.payers.size >= 30).length;

  const customerCount = [...customers.values()].filter((c) => orgs.has(c.org) && (!c.open || c.open <= date)).length;
  return { date, customers: customerCount, depositFen, depositAvgFen, loanFen, nplFen, creditFen, overdueFen, merchants, highQualityMerchants };
}

/** num/den as the percentage text the UI shows: two decimals, half up ("1.23%"); den 0 → "—". */
export function percentText(num: bigint, den: bigint): string {
  if (den === 0n) return '—';
  const neg = num < 0n !== den < 0n;
  const [n, d] = [num < 0n ? -num : num, den < 0n ? -den : den];
  const h = (n * 10_000n * 2n + d) / (2n * d); // hundredths of a percent, rounded half up
  return `${neg && h !== 0n ? '-' : ''}${h / 100n}.${(h % 100n).toString().padStart(2, '0')}%`;
}

/** a count as the UI groups it: 12,345 */
export const countText = (n: number): string => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');

// --- the 18 items a customer holds, worked out from the files by DATA.md's table ---

const SIGNING_ITEMS: Record<string, number> = {
  理财: 3, 授信签约: 4, 手机银行: 10, 微信银行绑卡: 11, 微信支付绑卡: 12, 支付宝绑卡: 13, 云闪付绑卡: 13,
  代发工资: 15, 代发养老金: 15, 水费代扣: 16, 电费代扣: 17, 社保代缴: 18, 医保代缴: 18,
};
const CARD_ITEMS: Record<string, number> = { 借记卡: 7, 社保卡: 8, 贷记卡: 9 };

/** The ids (1–18) of the basic business items the customer holds on the date, ascending. */
export function itemsHeld(dir: string, custId: string, date: string): number[] {
  const held = new Set<number>();
  const latest = (dates: string[]) => dates.filter((d) => d && d <= date).sort().pop();

  const depT = findTable(dir, ['账户余额', 'CKYE']);
  const dc = columns(depT);
  const [dDate, dCust, dKind, dStatus] = [dc(['数据日期', 'data_date', 'CJRQ']), dc(['客户号', 'cust_id', 'KHTYBH']), dc(['存款种类', 'kind']), dc(['账户状态', 'status'])];
  const depDate = latest(depT.rows.map((r) => normDate(dDate(r))));
  for (const r of depT.rows) {
    if (normDate(dDate(r)) !== depDate || dCust(r) !== custId || dStatus(r) === '销户') continue;
    if (dKind(r) === '活期') held.add(1);
    if (['定期', '大额存单', '通知存款'].includes(dKind(r))) held.add(2);
  }

  const loanT = findTable(dir, ['贷款余额', 'DKYE']);
  const lc = columns(loanT);
  const [lDate, lCust, lBal, lOnline, lGuar] = [lc(['数据日期', 'data_date', 'CJRQ']), lc(['客户号', 'cust_id', 'KHTYBH']), lc(['贷款余额', 'balance', 'DKYE']), lc(['是否线上贷款', 'is_online']), lc(['担保方式', 'guarantee'])];
  const loanDate = latest(loanT.rows.map((r) => normDate(lDate(r))));
  for (const r of loanT.rows) {
    if (normDate(lDate(r)) !== loanDate || lCust(r) !== custId) continue;
    held.add(4);
    if ((fenOf(lBal(r)) ?? 0n) > 0n) {
      held.add(5);
      if (lOnline(r) === '是' && lGuar(r) === '信用') held.add(6);
    }
  }

  const cardT = findTable(dir, ['卡种', 'card_type']);
  const kc = columns(cardT);
  const [kCust, kType, kIssue, kStatus] = [kc(['客户号', 'cust_id']), kc(['卡种', 'card_type']), kc(['发卡日期', 'issue_date']), kc(['卡状态', 'status'])];
  for (const r of cardT.rows) {
    if (kCust(r) === custId && kStatus(r) === '正常' && normDate(kIssue(r)) <= date && CARD_ITEMS[kType(r)]) held.add(CARD_ITEMS[kType(r)]);
  }

  const sigT = findTable(dir, ['签约流水号', 'sign_no']);
  const sc = columns(sigT);
  const [sCust, sType, sSign, sCancel, sStatus] = [sc(['客户号', 'cust_id']), sc(['业务类型', 'biz_type']), sc(['签约日期', 'sign_date']), sc(['解约日期', 'cancel_date']), sc(['状态', 'status'])];
  for (const r of sigT.rows) {
    const cancelled = normDate(sCancel(r)) !== '' && normDate(sCancel(r)) <= date;
    if (sCust(r) === custId && sStatus(r) === '有效' && normDate(sSign(r)) !== '' && normDate(sSign(r)) <= date && !cancelled && SIGNING_ITEMS[sType(r)]) {
      held.add(SIGNING_ITEMS[sType(r)]);
    }
  }

  const merT = findTable(dir, ['商户名称', 'merchant_id']);
  const mc = columns(merT);
  const [mOwner, mStatus, mSign] = [mc(['法人客户号', 'owner_cust_id']), mc(['状态', 'status']), mc(['签约日期', 'sign_date'])];
  if (merT.rows.some((r) => mOwner(r) === custId && mStatus(r) === '正常' && normDate(mSign(r)) !== '' && normDate(mSign(r)) <= date)) held.add(14);

  return [...held].sort((a, b) => a - b);
}
