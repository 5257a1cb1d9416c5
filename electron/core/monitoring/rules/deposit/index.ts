// The deposit rules of DATA.md "Monitoring models" (one file per rule beside this one).
import type { RuleDef } from '../../rule.js';
import { DEVIATION } from './deviation.js';
import { WINDOW_DRESSING } from './window-dressing.js';

export const DEPOSIT_RULES: RuleDef[] = [DEVIATION, WINDOW_DRESSING];
