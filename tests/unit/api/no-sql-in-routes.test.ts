// SQL lives in the core (issue 8): the route files only validate, check permission, call a core
// function and answer. A statement here would be a second copy of a rule the core holds (the gap
// export's filter names were one, a copy of crm/export.ts).
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

const API_DIR = path.join(import.meta.dirname, '../../../electron/core/api');

it('no file of electron/core/api prepares or runs SQL', () => {
  const files = fs.readdirSync(API_DIR).filter((f) => f.endsWith('.ts'));
  expect(files).toContain('crm-routes.ts');
  const found: string[] = [];
  for (const f of files) {
    const lines = fs.readFileSync(path.join(API_DIR, f), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (/\.prepare\(|\.exec\(\s*['"`]|\b(SELECT|INSERT\s+INTO|DELETE\s+FROM|UPDATE\s+\w+\s+SET)\b/.test(line)) found.push(`${f}:${i + 1}: ${line.trim()}`);
    });
  }
  expect(found).toEqual([]);
});
