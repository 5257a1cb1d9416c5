// The merchant rules of DATA.md "Monitoring models" (one file per rule beside this one). They share
// one read of the period's 收单 transactions (month.ts).
import type { RuleDef } from '../../rule.js';
import { fewPayers } from './few-payers.js';
import { roundAmounts } from './round-amounts.js';
import { splitBursts } from './split-bursts.js';
import { night } from './night.js';
import { selfPaid } from './self-paid.js';

export const MERCHANT_RULES: RuleDef[] = [fewPayers, roundAmounts, splitBursts, night, selfPaid];
