// `npm run bench`: every benchmark of the console, printing figures and ratios.
import { runImportBench } from './import-bench.js';
import { runCrmBench } from './crm-bench.js';
import { runFlowsBench } from './flows-bench.js';
import { runLoginBench } from './login-bench.js';
import { runDashboardBench } from './dashboard-bench.js';
import { runMonitorBench } from './monitor-bench.js';
import { runRouteBench } from './route-bench.js';
import { runMapBench } from './map-bench.js';
import { runReportBench } from './report-bench.js';

await runImportBench();
await runCrmBench();
await runFlowsBench();
await runLoginBench();
await runDashboardBench();
await runMonitorBench();
await runRouteBench();
await runMapBench();
await runReportBench();
