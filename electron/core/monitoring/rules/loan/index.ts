// The loan rules of DATA.md "Monitoring models" (one file per rule beside this one).
import type { RuleDef } from '../../rule.js';

export const LOAN_RULES: RuleDef[] = [];
