// `branch-console customer`: each query looked up as the search box does, with every match's
// 18 items. Names are masked as on screen.
import type { Db } from '../db/connection.js';
import type { Scope } from '../scope/index.js';
import { getCatalog } from './catalog.js';
import { searchCustomers } from './search.js';

export interface CliMatch {
  cust_id: string;
  name: string;
  star: number;
  coverage: number;
  items: { id: number; name: string; held: boolean }[];
}

export interface CliResult {
  query: string;
  matches: CliMatch[];
}

export function lookupCustomers(db: Db, scope: Scope, queries: string[], date?: string): { date: string | null; notCustomer: string[]; results: CliResult[] } {
  const catalog = getCatalog(db);
  const maskStmt = db.prepare('SELECT mask FROM customer_holding WHERE data_date = ? AND cust_id = ?').pluck();
  let resolved: string | null = null;
  const notCustomer: string[] = [];
  const results = queries.map((query) => {
    const r = searchCustomers(db, query, scope, { date });
    resolved ??= r.date;
    if (r.notCustomer) notCustomer.push(query);
    return {
      query,
      matches: r.matches.map((m) => {
        const mask = r.date === null ? 0 : ((maskStmt.get(r.date, m.custId) as number | undefined) ?? 0);
        return {
          cust_id: m.custId,
          name: m.name,
          star: m.star,
          coverage: m.coverage,
          items: catalog.map((it) => ({ id: it.id, name: it.name, held: (mask & (1 << (it.id - 1))) !== 0 })),
        };
      }),
    };
  });
  return { date: resolved, notCustomer, results };
}

/** The same, as lines for a terminal. */
export function customerTable(r: ReturnType<typeof lookupCustomers>): string[] {
  const lines: string[] = [`数据日期 ${r.date ?? '（无业务数据）'}`];
  for (const res of r.results) {
    lines.push('', `查询「${res.query}」：${res.matches.length ? `${res.matches.length} 位客户` : r.notCustomer.includes(res.query) ? '非我行客户' : '未找到'}`);
    for (const m of res.matches) {
      const held = m.items.filter((i) => i.held).map((i) => `${i.id}.${i.name}`);
      const missing = m.items.filter((i) => !i.held).map((i) => `${i.id}`);
      lines.push(`  ${m.cust_id}\t${m.name}\t${'★'.repeat(m.star)}\t已办 ${m.coverage}/${m.items.length}`);
      lines.push(`    已办：${held.join('、') || '无'}`);
      lines.push(`    未办：${missing.join(',') || '无'}`);
    }
  }
  return lines;
}
