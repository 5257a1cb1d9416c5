// The data-testid values the renderer declares, read from the .vue sources: a model's icon must be
// one of them, so a renamed or deleted element fails validation instead of a test at run time.
//   data-testid="x"                      → x
//   :data-testid="`nav-${item.name}`"    → the pattern nav-…
//   :data-testid="a ? 'x' : 'y'"         → x and y
//   :data-testid="testid" (a prop)       → whatever the components are given as testid="…" / :testid="`…`"
import fs from 'node:fs';
import path from 'node:path';

export interface TestIds {
  exact: Map<string, string>; // id → first file declaring it
  patterns: { re: RegExp; source: string; file: string }[];
}

function vueFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules') out.push(...vueFiles(p));
    } else if (e.name.endsWith('.vue')) out.push(p);
  }
  return out.sort();
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The ids an attribute's value stands for: string literals, or a template literal as a pattern. */
function fromExpression(expr: string, file: string, ids: TestIds): boolean {
  const tpl = /^`([^`]*)`$/.exec(expr.trim());
  if (tpl) {
    const parts = tpl[1].split(/\$\{[^}]*\}/);
    if (parts.length === 1) ids.exact.set(parts[0], ids.exact.get(parts[0]) ?? file);
    else ids.patterns.push({ re: new RegExp(`^${parts.map(escape).join('.+')}$`), source: tpl[1], file });
    return true;
  }
  const literals = [...expr.matchAll(/'([^']+)'/g)].map((m) => m[1]);
  for (const l of literals) if (!ids.exact.has(l)) ids.exact.set(l, file);
  return literals.length > 0;
}

export function scanTestIds(rendererDir: string): TestIds {
  const ids: TestIds = { exact: new Map(), patterns: [] };
  const forwarded: { file: string; source: string }[] = [];
  for (const file of vueFiles(rendererDir)) {
    const src = fs.readFileSync(file, 'utf8');
    const rel = path.relative(path.dirname(rendererDir), file).split(path.sep).join('/');
    for (const m of src.matchAll(/(?<![:\w-])data-testid="([^"]+)"/g)) if (!ids.exact.has(m[1])) ids.exact.set(m[1], rel);
    for (const m of src.matchAll(/(?::|v-bind:)data-testid="([^"]+)"/g)) {
      if (!fromExpression(m[1], rel, ids)) forwarded.push({ file: rel, source: m[1] });
    }
  }
  // A bound identifier is a prop handed on: take the values components are given for it.
  if (forwarded.length) {
    const props = new Set(forwarded.map((f) => f.source.trim()).filter((s) => /^[A-Za-z_]\w*$/.test(s)));
    for (const file of vueFiles(rendererDir)) {
      const src = fs.readFileSync(file, 'utf8');
      const rel = path.relative(path.dirname(rendererDir), file).split(path.sep).join('/');
      for (const prop of props) {
        for (const m of src.matchAll(new RegExp(`(?<![:\\w-])${prop}="([^"]+)"`, 'g'))) if (!ids.exact.has(m[1])) ids.exact.set(m[1], rel);
        for (const m of src.matchAll(new RegExp(`(?::|v-bind:)${prop}="([^"]+)"`, 'g'))) fromExpression(m[1], rel, ids);
      }
    }
  }
  return ids;
}

export function declares(ids: TestIds, icon: string): boolean {
  return ids.exact.has(icon) || ids.patterns.some((p) => p.re.test(icon));
}
