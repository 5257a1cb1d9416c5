// The console's own flow models (tests/flows/models) are valid against the renderer as it is, and
// the checked-in specs and coverage reports (tests/flows/generated) are what they generate now:
// a model or a testid changed without `npm run flows` fails here, in CI, before any browser runs.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { coverageSummary } from '../../../electron/core/flows/flow-paths.js';
import { isGenerated, renderAll, REPO_ROOT } from '../../../electron/core/flows/generate.js';

const MODELS = path.join(REPO_ROOT, 'tests', 'flows', 'models');
const GENERATED = path.join(REPO_ROOT, 'tests', 'flows', 'generated');

it('tests/flows/generated is up to date with tests/flows/models (run `npm run flows` if not)', () => {
  const g = renderAll({ model: MODELS, out: GENERATED });
  for (const fp of g.flows) console.log(coverageSummary(fp.coverage).join('\n'));
  const onDisk = fs
    .readdirSync(GENERATED)
    .filter((f) => isGenerated(path.join(GENERATED, f)))
    .sort();
  expect(onDisk).toEqual([...g.files.keys()].sort());
  for (const [f, text] of g.files) expect(fs.readFileSync(path.join(GENERATED, f), 'utf8'), `${f} is stale: run npm run flows`).toBe(text);
});

it('every edge of the console models is covered, and no model leaves a node unreachable', () => {
  const g = renderAll({ model: MODELS, out: GENERATED });
  expect(g.warnings).toEqual([]);
  for (const fp of g.flows) {
    expect(fp.coverage.uncovered, fp.flow).toEqual([]);
    expect(fp.paths.length, fp.flow).toBe(fp.coverage.minimum);
  }
});
