// A bank built by hand for the assessment tests, imported through the real importer (targets as
// a 考核目标 CSV, by id and by Chinese name). The figures each test expects are worked out in the
// tests' comments from these rows.
//
//   H 总行 ── B1 支行 ── S11 分理处
//          ├─ B2 支行
//          └─ B3 支行
//   E1 (S11), E2 (B2), E3 (B2, named by no row)
export const FILES: Record<string, string> = {
  'org.csv': '机构号,机构名称,上级机构号,机构层级\nH,总行,,总行\nB1,一支行,H,支行\nS11,一分理处,B1,分理处\nB2,二支行,H,支行\nB3,三支行,H,支行\n',
  'staff.csv': '员工号,姓名,所属机构号,岗位\nE1,甲,S11,客户经理\nE2,乙,B2,客户经理\nE3,丙,B2,客户经理\n',
  'customer.csv': '客户号,客户名称,所属机构号,管户客户经理号\nC1,客户一,S11,E1\nC2,客户二,B2,E2\nC3,客户三,B3,\n',
  // D1: 3000 on 06-30, 3310 on 07-31; D2, D3: 6200 on both days
  'deposit.csv':
    '数据日期,账号,客户号,存款种类,账户余额,所属机构号,归属客户经理号\n' +
    '2024-06-30,D1,C1,活期,3000.00,S11,E1\n2024-06-30,D2,C2,活期,6200.00,B2,E2\n2024-06-30,D3,C3,活期,6200.00,B3,\n' +
    '2024-07-31,D1,C1,活期,3310.00,S11,E1\n2024-07-31,D2,C2,活期,6200.00,B2,E2\n2024-07-31,D3,C3,活期,6200.00,B3,\n',
  // on 07-31: S11 9800 正常 + 200 次级 (E1); B2 8000 正常 + 2000 次级 (E2); B3 10000 正常
  'loan.csv':
    '数据日期,借据号,客户号,发放日期,贷款金额,贷款余额,五级分类,逾期天数,经办客户经理号,所属机构号\n' +
    '2024-07-31,L1,C1,2024-01-05,9800.00,9800.00,正常,0,E1,S11\n' +
    '2024-07-31,L5,C1,2024-01-05,200.00,200.00,次级,100,E1,S11\n' +
    '2024-07-31,L2,C2,2024-02-01,8000.00,8000.00,正常,0,E2,B2\n' +
    '2024-07-31,L3,C2,2024-02-01,2000.00,2000.00,次级,120,E2,B2\n' +
    '2024-07-31,L4,C3,2024-03-01,10000.00,10000.00,正常,0,,B3\n',
  // E1 visits C1 once in June and twice in July
  'visit.csv': '走访编号,走访时间,走访人员号,客户号\nV1,2024-06-15 10:00:00,E1,C1\nV2,2024-07-05 10:00:00,E1,C1\nV3,2024-07-20 15:00:00,E1,C1\n',
  'target.csv':
    '考核期,对象类型,对象编号,指标,目标值\n' +
    '2024-07,机构,B1,存款日均,2800\n2024-07,机构,B1,loan_balance,8000\n2024-07,机构,B1,不良贷款率,0.015\n2024-07,机构,B1,visits,4\n' +
    '2024-07,机构,B2,deposit_avg,6200\n2024-07,机构,B2,各项贷款余额,10000\n2024-07,机构,B2,npl_ratio,0.015\n' +
    '2024-07,机构,B3,deposit_avg,6200\n2024-07,机构,B3,loan_balance,10000\n2024-07,机构,B3,npl_ratio,0.015\n' +
    // (an unknown 指标 and a 考核期 naming no period are rejected by the importer: target-import.test.ts)
    '2024-07,员工,E1,deposit_avg,3010\n2024-07,员工,E2,存款日均,6200\n2024-07,员工,E3,deposit_avg,1000\n',
};
