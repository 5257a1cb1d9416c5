// The mapping dialog's form → the profile it saves. The saved profile must pass the core's strict
// parseProfile (unknown or empty fields are errors), and mean what the form showed.
import { describe, expect, it } from 'vitest';
import { parseProfile } from '../../../electron/core/import/index.js';
import { emptyForm, guessRows, missingRequired, parseValueMap, profileOf, type MappingForm } from '../../../renderer/mappingForm.js';

function loanForm(): MappingForm {
  const f = emptyForm();
  f.name = ' 他行贷款 ';
  f.dataset = 'loan';
  f.rows = guessRows(['loan_id', 'account_id', 'date', 'amount', 'payments', 'status', 'CJRQ'], 'loan');
  return f;
}

describe('mapping form → profile', () => {
  it('a form left as detected gives a profile with columns only (and the money unit of a dataset with amounts)', () => {
    const f = loanForm();
    // guessRows: standard names are 'amount' (the English key of 贷款金额) and CJRQ (EAST for 数据日期)
    expect(f.rows.map((r) => r.targets)).toEqual([[], [], [], ['amount'], [], [], ['data_date']]);
    const p = profileOf(f);
    expect(p).toEqual({ name: '他行贷款', dataset: 'loan', columns: { amount: 'amount', CJRQ: 'data_date' }, moneyUnit: '元' });
    expect(parseProfile(p)).toEqual(p);
  });

  it('every field the dialog edits reaches the profile, and the core accepts it as written', () => {
    const f = loanForm();
    const set = (h: string, targets: string[], ignore = false) => Object.assign(f.rows.find((r) => r.header === h)!, { targets, ignore });
    set('loan_id', ['loan_no']);
    set('account_id', ['cust_id']);
    set('date', ['issue_date']);
    set('amount', ['amount', 'balance']); // one source, two keys
    set('payments', [], true);
    set('status', ['class5']);
    set('CJRQ', []); // replaced by a constant
    Object.assign(f, {
      encoding: 'gb18030', delimiter: ';', skipRows: 2, noHeader: false, moneyUnit: '万元',
      headerText: 'loan_id\naccount_id\ndate\namount\npayments\nstatus\nCJRQ',
      dateFormats: { issue_date: 'YYMMDD', maturity_date: 'YYYYMMDD' }, // maturity_date is not filled: left out
      values: { class5: 'A=正常\nB = 损失\n\nD=次级', guarantee: 'X=信用' }, // guarantee is not filled: left out
      constants: [{ key: 'data_date', value: ' 1998-12-31 ' }, { key: '', value: 'x' }],
    });
    const p = profileOf(f);
    expect(p).toEqual({
      name: '他行贷款', dataset: 'loan',
      columns: { loan_id: 'loan_no', account_id: 'cust_id', date: 'issue_date', amount: ['amount', 'balance'], status: 'class5' },
      encoding: 'gb18030', delimiter: ';', skipRows: 2,
      header: ['loan_id', 'account_id', 'date', 'amount', 'payments', 'status', 'CJRQ'],
      ignore: ['payments'],
      values: { class5: { A: '正常', B: '损失', D: '次级' } },
      constants: { data_date: '1998-12-31' },
      dateFormats: { issue_date: 'YYMMDD' },
      moneyUnit: '万元',
    });
    expect(parseProfile(p)).toEqual(p);
    expect(missingRequired(f)).toEqual([]);
  });

  it('noHeader goes out only with header names; skipRows 0 is a value, not "detected"', () => {
    const f = loanForm();
    f.noHeader = true;
    expect(profileOf(f)).not.toHaveProperty('noHeader');
    f.headerText = 'a, b ,c';
    f.skipRows = 0;
    expect(profileOf(f)).toMatchObject({ header: ['a', 'b', 'c'], noHeader: true, skipRows: 0 });
  });

  it('refuses what the server would: no name, and a value-map line without "="', () => {
    const f = loanForm();
    f.name = '  ';
    expect(profileOf(f)).toEqual({ kind: 'name' });
    f.name = 'x';
    f.rows[5].targets = ['class5'];
    f.values = { class5: 'A=正常\nB损失' };
    expect(profileOf(f)).toEqual({ kind: 'valueLine', key: 'class5', line: 'B损失' });
    expect(parseValueMap('0 = 否\n1=是')).toEqual({ map: { 0: '否', 1: '是' } });
  });

  it('missing required columns count constants as filled', () => {
    const f = loanForm();
    expect(missingRequired(f).map((c) => c.key)).toEqual(['loan_no', 'cust_id', 'issue_date', 'balance']);
    f.constants = [{ key: 'issue_date', value: '2024-01-01' }];
    expect(missingRequired(f).map((c) => c.key)).not.toContain('issue_date');
  });
});
