// Assessment (绩效考核, issue 12): periods, schemes, targets, sheets, rankings, lock. See
// docs/ARCHITECTURE.md "Assessment".
export { assess, sheetVisible, type Selection } from './assess.js';
export { parsePeriod, previousPeriod, evaluationDate, type Period } from './period.js';
export { currentScheme, schemeHistory, schemeVersion, saveScheme, defaultScheme, parseObjectType } from './scheme.js';
export { readTargets, setTarget, indicatorOf, unreadablePeriods, type TargetCell, type TargetProblem } from './targets.js';
export { addAdjustment, deleteAdjustment, readAdjustments } from './adjustments.js';
export { lockPeriod, unlockPeriod, periodResult, lockedResult } from './lock.js';
export { isLocked, assertUnlocked, PeriodLockedError } from './lock-state.js';
export { computeResult } from './sheet.js';
export { ranking, type RankingQuery } from './ranking.js';
export { completionOf, creditOf, sheetRow } from './score.js';
