// Which menu item a page lights up. A page in the menu lights itself; a page reached from one
// (a customer's 360 or counter view, opened from search, the gap list or the coverage map) lights
// the item it belongs to, not whatever was lit before: Element Plus keeps the previous item when
// the current path matches none.

/** Pages outside the menu → the menu page they belong to (route names). */
export const NAV_PARENT: Readonly<Record<string, string>> = {
  customer: 'customers',
  quick: 'customers',
  drill: 'dashboard',
  alert: 'alerts',
};

/** Pages outside the layout, so outside the menu. */
export const OUTSIDE_LAYOUT: readonly string[] = ['login', 'changePassword'];

/** The name of the menu item to light for a route, among the items the user has; '' for none. */
export function activeNavName(routeName: string | null | undefined, navNames: readonly string[]): string {
  if (!routeName) return '';
  if (navNames.includes(routeName)) return routeName;
  const parent = NAV_PARENT[routeName];
  return parent && navNames.includes(parent) ? parent : '';
}
