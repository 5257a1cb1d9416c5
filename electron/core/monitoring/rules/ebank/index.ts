// The ebank rules of DATA.md "Monitoring models" (one file per rule beside this one).
import type { RuleDef } from '../../rule.js';
import { neverUsed } from './never-used.js';
import { bulkSigning } from './bulk-signing.js';
import { signCancel } from './sign-cancel.js';

export const EBANK_RULES: RuleDef[] = [neverUsed, bulkSigning, signCancel];
