// Every rule of issue 10's table, by id.
import type { RuleId } from '../../../../shared/monitoring.js';
import type { RuleDef } from '../rule.js';
import { DEPOSIT_RULES } from './deposit/index.js';
import { LOAN_RULES } from './loan/index.js';
import { CARD_RULES } from './card/index.js';
import { MERCHANT_RULES } from './merchant/index.js';
import { EBANK_RULES } from './ebank/index.js';

export const RULE_DEFS: readonly RuleDef[] = [...DEPOSIT_RULES, ...LOAN_RULES, ...CARD_RULES, ...MERCHANT_RULES, ...EBANK_RULES];

export function ruleDef(id: RuleId): RuleDef | undefined {
  return RULE_DEFS.find((r) => r.id === id);
}
