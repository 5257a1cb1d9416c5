// 对账 (reconciliation): official figures in, the console's figures beside them. See
// docs/ARCHITECTURE.md "Reconciliation".
export { reconcile, compareValue } from './compare.js';
export { enterFigure, deleteFigure, listFigures, figureDates, checkEntry } from './store.js';
export { importSheet, importSheetBytes, readSheet, SheetError, issueText, type SheetIssue } from './sheet.js';
export { indicatorOf, readValue } from './values.js';
