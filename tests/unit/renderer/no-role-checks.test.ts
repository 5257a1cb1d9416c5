// Business rules stay in the core: what a user may do reaches the renderer as capability flags
// (GET /api/auth/me), so no screen, route or store decides anything by a role's name. This scan
// fails on a comparison with a role, or a role name written into renderer code, outside the one
// place where role names are data (the user form's choice of role).
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ROLES } from '../../../shared/permissions.js';

const ROOT = path.resolve(import.meta.dirname, '../../../renderer');
/** files where a role name is a value to pick, not a decision, and why */
const ROLE_AS_DATA: Record<string, string> = {
  'views/UsersView.vue': 'the default role offered when an administrator creates a user',
};

// a role name as a string value (backquoted words in comments are prose), and comparisons with a role
const ROLE_NAME = new RegExp(`['"](${ROLES.join('|')})['"]`);
const ROLE_COMPARE = /\brole\s*[!=]==?|[!=]==?\s*[\w.?]*\brole\b|\.role\)?\s*\.(includes|startsWith)\b|includes\([\w.?]*\brole\)/;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(ts|vue)$/.test(e.name) ? [p] : [];
  });
}

it('the renderer checks no role name (it uses the capability flags from the core)', () => {
  const files = sources(ROOT);
  expect(files.length).toBeGreaterThan(30); // the scan reads the real tree
  const found: string[] = [];
  for (const f of files) {
    const rel = path.relative(ROOT, f).split(path.sep).join('/');
    fs.readFileSync(f, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (ROLE_COMPARE.test(line) || (ROLE_NAME.test(line) && !(rel in ROLE_AS_DATA))) found.push(`${rel}:${i + 1}: ${line.trim()}`);
      });
  }
  expect(found).toEqual([]);
});

it('the scan finds what it looks for', () => {
  // the checks this issue removed, as they were written (router.ts, GapListView.vue, SearchDialog.vue)
  for (const old of ["useAuth().user?.role === 'lobby_manager' && !to.query.full", "auth.user?.role === 'lobby_manager' ? 'quick' : 'customer'", "['admin', 'branch_manager'].includes(auth.user.role)"]) {
    expect(ROLE_COMPARE.test(old) || ROLE_NAME.test(old), old).toBe(true);
  }
});
