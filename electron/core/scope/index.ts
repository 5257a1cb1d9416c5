// The data scope (数据权限): one module every customer-linked query takes its filter from.
// See docs/ARCHITECTURE.md "Data scope".
export * from './scope.js';
export * from './row-org.js';
export * from './settings.js';
export { describeScope, scopeText } from './describe.js';
export { cliScope } from './cli.js';
