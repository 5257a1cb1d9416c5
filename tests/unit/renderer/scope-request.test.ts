// The API client carries the picked data scope (?org=) on the routes whose rows follow it, and
// on no other: an import or settings call must not gain a parameter it does not know.
import { afterEach, expect, it } from 'vitest';
import { setRequestScope, withScope } from '../../../renderer/api/scope.js';

afterEach(() => setRequestScope(null));

it('adds the picked org to scoped routes only', () => {
  expect(withScope('/api/home')).toBe('/api/home');
  setRequestScope('QZ100');
  expect(withScope('/api/home')).toBe('/api/home?org=QZ100');
  expect(withScope('/api/gaps?has=7&lacks=12')).toBe('/api/gaps?has=7&lacks=12&org=QZ100');
  expect(withScope('/api/gaps/export?format=csv')).toBe('/api/gaps/export?format=csv&org=QZ100');
  expect(withScope('/api/customers/C001/reveal')).toBe('/api/customers/C001/reveal?org=QZ100');
  expect(withScope('/api/scope')).toBe('/api/scope?org=QZ100');
  for (const unscoped of ['/api/import/batches', '/api/settings/crm/items', '/api/auth/me', '/api/homepage', '/api/users']) {
    expect(withScope(unscoped)).toBe(unscoped);
  }
  setRequestScope('总行 & 1');
  expect(withScope('/api/home')).toBe('/api/home?org=%E6%80%BB%E8%A1%8C%20%26%201');
});
