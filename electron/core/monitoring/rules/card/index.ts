// The card rules of DATA.md "Monitoring models" (one file per rule beside this one).
import type { RuleDef } from '../../rule.js';

export const CARD_RULES: RuleDef[] = [];
