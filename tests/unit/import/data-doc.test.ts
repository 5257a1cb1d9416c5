import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { dataDoc } from '../../../electron/core/import/data-doc.js';
import { DATASETS } from '../../../shared/datasets.js';

const DOC = path.resolve(__dirname, '../../../docs/DATA.md');

it('docs/DATA.md is what the contract says (run `npm run docs:data` after changing shared/datasets.ts)', () => {
  expect(fs.readFileSync(DOC, 'utf8')).toBe(dataDoc() + '\n');
});

it('documents every column of every dataset with its Chinese and English names', () => {
  const doc = dataDoc();
  for (const ds of DATASETS) for (const c of ds.columns) expect(doc).toContain(`| ${c.zh} | \`${c.key}\` |`);
});
