// Every page of the router lights a menu item it belongs to (or is outside the layout): a page
// added without saying so fails here. The router is read as source because importing it needs a
// browser (hash history); the e2e walk (demo.ui.spec.ts) checks what Element Plus then shows.
import fs from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { NAV_PARENT, OUTSIDE_LAYOUT, activeNavName } from '../../../renderer/components/nav-active.js';

/** route name → whether its record declares a menu entry (meta.nav): every object literal with
 *  both a `path` and a `name` is a route record. */
function routesOfSource(): Map<string, boolean> {
  const file = ts.createSourceFile('router.ts', fs.readFileSync('renderer/router.ts', 'utf8'), ts.ScriptTarget.Latest, true);
  const out = new Map<string, boolean>();
  const prop = (o: ts.ObjectLiteralExpression, key: string) =>
    o.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === key);
  const visit = (n: ts.Node) => {
    if (ts.isObjectLiteralExpression(n)) {
      const name = prop(n, 'name');
      if (prop(n, 'path') && name && ts.isStringLiteral(name.initializer)) {
        const meta = prop(n, 'meta');
        out.set(name.initializer.text, !!meta && ts.isObjectLiteralExpression(meta.initializer) && !!prop(meta.initializer, 'nav'));
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(file);
  return out;
}

describe('menu highlight', () => {
  const routes = routesOfSource();

  it('reads the router: the pages known today are there', () => {
    for (const n of ['home', 'import', 'customers', 'customer', 'quick', 'gaps', 'coverage', 'crmSettings', 'users', 'audit', 'login', 'changePassword']) {
      expect(routes.has(n), n).toBe(true);
    }
    expect(routes.get('home')).toBe(true);
    expect(routes.get('customer')).toBe(false);
  });

  it('every page outside the menu names the menu page it belongs to, or sits outside the layout', () => {
    const orphans = [...routes].filter(([name, nav]) => !nav && !(name in NAV_PARENT) && !OUTSIDE_LAYOUT.includes(name)).map(([n]) => n);
    expect(orphans).toEqual([]);
    for (const parent of Object.values(NAV_PARENT)) expect(routes.get(parent), parent).toBe(true);
  });

  it('lights the page itself, its parent, or nothing', () => {
    const nav = ['home', 'customers', 'gaps'];
    expect(activeNavName('gaps', nav)).toBe('gaps');
    expect(activeNavName('customer', nav)).toBe('customers');
    expect(activeNavName('quick', nav)).toBe('customers');
    // the parent is not in this user's menu: nothing rather than a wrong item
    expect(activeNavName('customer', ['home'])).toBe('');
    expect(activeNavName('changePassword', nav)).toBe('');
    expect(activeNavName(undefined, nav)).toBe('');
  });
});
