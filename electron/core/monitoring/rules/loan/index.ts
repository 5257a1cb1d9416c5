// The loan rules of DATA.md "Monitoring models" (one file per rule beside this one).
import type { RuleDef } from '../../rule.js';
import { PERIOD_END } from './period-end.js';
import { PROCEEDS_BACK } from './proceeds-back.js';
import { RENEW_TO_REPAY } from './renew-to-repay.js';
import { SEVERAL_MANAGERS } from './several-managers.js';

export const LOAN_RULES: RuleDef[] = [PERIOD_END, RENEW_TO_REPAY, SEVERAL_MANAGERS, PROCEEDS_BACK];
