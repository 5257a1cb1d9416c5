// `npm run bench`: every benchmark of the console, printing figures and ratios.
import { runImportBench } from './import-bench.js';

await runImportBench();
