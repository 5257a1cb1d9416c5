// The default recommendation rules (惠金小助手 "还有哪些潜在需求"). Editable in settings; these are
// what a bank without its own list starts from. Priorities: salary and merchant relationships
// first (they anchor a customer to the bank), then wealth, then the cheap 付/代 cross-sells.
import type { RecommendationRule } from '../../../shared/crm.js';

export const DEFAULT_RULES: RecommendationRule[] = [
  { id: 'payroll-mobile', has: [15], offer: 10, reason: '已代发工资但未开通手机银行', priority: 90, enabled: true },
  { id: 'merchant-loan', has: [14], offer: 5, reason: '收单商户法人但无经营贷', priority: 85, enabled: true },
  { id: 'star-wealth', minStar: 3, offer: 3, reason: '星级客户（3星及以上）未购理财', priority: 80, enabled: true },
  { id: 'demand-no-time', minStar: 3, has: [1], offer: 2, reason: '有活期无定期 资产较高', priority: 75, enabled: true },
  { id: 'pension-sscard', has: [18], offer: 8, reason: '代发养老金/社保客户 无社保卡', priority: 70, enabled: true },
  { id: 'individual-acquiring', custTypes: ['个体工商户'], offer: 14, reason: '个体工商户未开通收单', priority: 65, enabled: true },
  { id: 'loan-credit-card', has: [5], offer: 9, reason: '有贷款未开通贷记卡', priority: 60, enabled: true },
  { id: 'debit-mobile', has: [7], offer: 10, reason: '有借记卡未开通手机银行', priority: 50, enabled: true },
  { id: 'mobile-wechatpay', has: [10], offer: 12, reason: '已开手机银行未绑微信支付', priority: 45, enabled: true },
  { id: 'power-water', has: [17], offer: 16, reason: '有电费代扣无水费代扣', priority: 40, enabled: true },
  { id: 'water-power', has: [16], offer: 17, reason: '有水费代扣无电费代扣', priority: 40, enabled: true },
];
