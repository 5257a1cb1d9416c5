// A dashboard written by hand: Chinese labels, every chart kind, a chart with nothing to draw, a
// staff name that looks like a formula. The documents tests render it and read the files back;
// every expected text below is worked out from these numbers by hand in the tests' comments.
import type { DashboardSpec } from '../../../shared/dashboard.js';

export const FIXTURE_SPEC: DashboardSpec = {
  id: 'overview',
  title: '经营总览',
  date: '2024-07-31',
  base: '2024-06-30',
  scope: { type: 'org', id: 'B1', name: '城东支行' },
  kpis: [
    // 123456789.01 元 = 12,345.6789001 万元 → printed 12,345.68
    { key: 'deposit_balance', label: '各项存款余额', unit: 'yuan', value: 123456789.01, base: 120000000, change: 3456789.01, target: { period: '2024-07', value: 150000000, completion: 0.8230452600666667 }, drill: null },
    // 0.0123456 → 1.23%; change −0.0010 → −0.10 个百分点
    { key: 'npl_ratio', label: '不良贷款率', unit: 'ratio', value: 0.0123456, base: 0.0133456, change: -0.001, target: null, drill: null },
    { key: 'loan_customers', label: '贷款户数', unit: 'count', value: 12345, base: 12000, change: 345, target: null, drill: null },
    { key: 'loan_to_deposit_ratio', label: '存贷比', unit: 'ratio', value: null, base: null, change: null, target: null, drill: null },
  ],
  charts: [
    {
      id: 'deposit_by_org',
      title: '各机构存款余额',
      kind: 'bar',
      unit: 'yuan',
      unit2: 'ratio',
      categories: ['城东分理处', '城西分理处', '=SUM(A1)'],
      series: [
        // 56,789,012.34 元 → 5,678.90 万元; 66,667,776.67 元 → 6,666.78 万元
        { name: '存款余额', data: [56789012.34, 66667776.67, 0] },
        { name: '存款偏离度', data: [0.0321, -0.015, null], type: 'line', yAxis: 1 },
      ],
    },
    {
      id: 'deviation_by_manager',
      title: '客户经理存款偏离度',
      kind: 'hbar',
      unit: 'ratio',
      categories: ['王经理', '李经理', '陈经理'],
      series: [{ name: '存款偏离度', data: [0.045, 0.021, -0.005] }],
      threshold: { value: 0.03, label: '偏离度阈值' },
    },
    {
      id: 'deposit_trend',
      title: '存款余额走势',
      kind: 'line',
      unit: 'yuan',
      categories: ['2024-07-29', '2024-07-30', '2024-07-31'],
      series: [{ name: '各项存款余额', data: [121000000, 122500000.5, 123456789.01] }],
    },
    {
      id: 'deposit_by_kind',
      title: '存款结构（按存款种类）',
      kind: 'pie',
      unit: 'map_yuan',
      categories: ['活期', '定期', '通知存款'],
      series: [{ name: '余额', data: [40000000, 80000000, 3456789.01] }],
    },
    {
      id: 'migration',
      title: '五级分类迁徙矩阵',
      kind: 'matrix',
      unit: 'yuan',
      categories: ['正常', '关注', '结清'],
      rows: ['正常', '关注', '新发放'],
      series: [
        { name: '正常', data: [90000000, 1200000, 500000] },
        { name: '关注', data: [300000, 2000000, 0] },
        { name: '新发放', data: [4500000, 0, 0] },
      ],
    },
    {
      id: 'signings',
      title: '有效签约（按业务类型）',
      kind: 'table',
      unit: 'map_count',
      categories: ['手机银行', '网上银行'],
      series: [{ name: '签约户数', data: [2345, 678] }],
    },
    {
      id: 'acq_by_day',
      title: '收单交易金额（按日）',
      kind: 'bar',
      unit: 'yuan',
      categories: [],
      series: [],
      empty: '该日期尚未导入收单交易数据。',
    },
  ],
};

export const FIXTURE_META = { user: '张行长', at: new Date(Date.UTC(2024, 7, 1, 2, 3, 4)), lang: 'zh' as const };
