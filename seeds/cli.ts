// `node bin/run-ts.js seeds/cli.ts <outDir> [small|medium|large] [seed] [endDate]`
import { generateDemoBank } from './index.js';
import type { Scale } from './index.js';

const [outDir, scale = 'small', seed = '1', endDate = '2024-07-31'] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: seeds/cli.ts <outDir> [small|medium|large] [seed] [endDate]');
  process.exit(2);
}
const t0 = performance.now();
const r = await generateDemoBank({ outDir, scale: scale as Scale, seed: Number(seed), endDate });
console.log(JSON.stringify({ ...r, seconds: +((performance.now() - t0) / 1000).toFixed(2) }, null, 1));
