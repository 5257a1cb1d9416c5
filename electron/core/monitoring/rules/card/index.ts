// The card rules of DATA.md "Monitoring models" (one file per rule beside this one).
import type { RuleDef } from '../../rule.js';
import { bulkIssue } from './bulk-issue.js';
import { sharedContact } from './shared-contact.js';
import { notActivated } from './not-activated.js';

export const CARD_RULES: RuleDef[] = [bulkIssue, sharedContact, notActivated];
