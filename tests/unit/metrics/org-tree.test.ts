// Roll-up over broken hierarchies: cycles and unknown parents must neither hang nor lose an org.
import { describe, expect, it } from 'vitest';
import { computeOrgStats } from '../../../electron/core/metrics/stats.js';
import { loadOrgTree } from '../../../electron/core/metrics/org-tree.js';
import { insertRows, tempDb } from './bank.js';
import { wholeBankScope } from '../../../electron/core/scope/index.js';
const ALL = wholeBankScope();

describe('org hierarchy with a cycle', () => {
  it('lists every org once and counts a row once per org above it', () => {
    const t = tempDb();
    try {
      insertRows(t.db, 'org', [
        { org_id: 'P', name: 'P', parent_id: 'Q' }, // P ⇄ Q
        { org_id: 'Q', name: 'Q', parent_id: 'P' },
        { org_id: 'R', name: 'R', parent_id: 'P' },
        { org_id: 'S', name: 'S', parent_id: 'S' }, // its own parent
        { org_id: 'T', name: 'T', parent_id: 'GONE' }, // parent not loaded: a root
      ]);
      insertRows(t.db, 'customer', [
        { cust_id: 'C1', name: '甲', org_id: 'R' },
        { cust_id: 'C2', name: '乙', org_id: 'S' },
        { cust_id: 'C3', name: '丙', org_id: 'T' },
      ]);
      insertRows(t.db, 'deposit', [{ data_date: '2024-07-01', acct_no: 'A', cust_id: 'C1', balance: 700 }]);

      const tree = loadOrgTree(t.db);
      expect(tree.roots.map((r) => r.org_id)).toEqual(['S', 'T']);
      expect(tree.ancestors('R')).toEqual(['R', 'P', 'Q']);

      const s = new Map(computeOrgStats(t.db, '2024-07-01', ALL).orgs.map((o) => [o.org_id, o]));
      expect([...s.keys()].sort()).toEqual(['P', 'Q', 'R', 'S', 'T']);
      // R's deposit and customer reach P and Q once each; S and T see only their own
      for (const id of ['P', 'Q', 'R']) expect([s.get(id)!.customers, s.get(id)!.deposit_balance]).toEqual([1, 7]);
      expect([s.get('S')!.customers, s.get('T')!.customers, s.get('T')!.deposit_balance]).toEqual([1, 1, 0]);
    } finally {
      t.close();
    }
  });
});

describe('empty database', () => {
  it('lists no org', () => {
    const t = tempDb();
    try {
      expect(computeOrgStats(t.db, '2024-07-01', ALL)).toEqual({ date: '2024-07-01', orgs: [] });
    } finally {
      t.close();
    }
  });
});
