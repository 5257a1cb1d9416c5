// The metrics' names for the shared date module (shared/dates.ts), so existing imports keep working.
export { assertDay as assertDate, addDays, daysBetween, monthStart } from '../../../shared/dates.js';
