// `npm run bench`: every benchmark of the console, printing figures and ratios.
import { runImportBench } from './import-bench.js';
import { runCrmBench } from './crm-bench.js';

await runImportBench();
await runCrmBench();
