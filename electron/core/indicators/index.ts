// The indicators of DATA.md, read from the materialised tables (one module: the dashboards, the
// `indicators` and `stats` commands, the home page, reconciliation, and later monitoring and
// assessment all read figures here). See docs/ARCHITECTURE.md "Indicators".
export { resolveTarget, StaffNotInScopeError, type Target } from './target.js';
export { readIndicators, readIndicatorsBy, readIndicatorsPerOrg, type ReadOptions, type TargetFigures } from './read.js';
export { dataDays } from './data-days.js';
export { migrationMatrix } from './migration.js';
