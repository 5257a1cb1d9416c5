import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import type { Permission } from '../shared/permissions.js';
import { useAuth } from './stores/auth.js';
import { contextGuard } from './stores/context.js';

declare module 'vue-router' {
  interface RouteMeta {
    /** shown in the left navigation under this i18n key */
    nav?: string;
    icon?: string;
    permission?: Permission;
    public?: boolean;
  }
}

export const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('./views/LoginView.vue'), meta: { public: true } },
  {
    path: '/',
    component: () => import('./components/AppLayout.vue'),
    children: [
      { path: '', redirect: { name: 'home' } },
      {
        path: 'home',
        name: 'home',
        component: () => import('./views/HomeView.vue'),
        meta: { nav: 'nav.home', icon: 'HomeFilled', permission: 'data:read' },
      },
      {
        path: 'import',
        name: 'import',
        component: () => import('./views/ImportView.vue'),
        meta: { nav: 'nav.import', icon: 'Upload', permission: 'import:read' },
      },
      // Customers (惠金小助手)
      {
        path: 'customers',
        name: 'customers',
        component: () => import('./views/CustomerSearchView.vue'),
        meta: { nav: 'crm.nav.search', icon: 'Search', permission: 'data:read' },
      },
      {
        path: 'customers/:id',
        name: 'customer',
        component: () => import('./views/CustomerView.vue'),
        meta: { permission: 'data:read' },
        // the lobby manager lands on the counter view; ?full=1 is the way on to the whole 360
        beforeEnter: (to) =>
          useAuth().user?.role === 'lobby_manager' && !to.query.full ? { name: 'quick', params: to.params, query: to.query } : true,
      },
      { path: 'quick/:id', name: 'quick', component: () => import('./views/QuickCheckView.vue'), meta: { permission: 'data:read' } },
      {
        path: 'gaps',
        name: 'gaps',
        component: () => import('./views/GapListView.vue'),
        meta: { nav: 'crm.nav.gaps', icon: 'List', permission: 'data:read' },
      },
      {
        path: 'coverage',
        name: 'coverage',
        component: () => import('./views/CoverageView.vue'),
        meta: { nav: 'crm.nav.coverage', icon: 'Grid', permission: 'data:read' },
      },
      {
        path: 'settings/crm',
        name: 'crmSettings',
        component: () => import('./views/CrmSettingsView.vue'),
        meta: { nav: 'crm.nav.settings', icon: 'Setting', permission: 'settings:write' },
      },
      // Administration
      {
        path: 'users',
        name: 'users',
        component: () => import('./views/UsersView.vue'),
        meta: { nav: 'admin.nav.users', icon: 'User', permission: 'users:manage' },
      },
      {
        path: 'audit',
        name: 'audit',
        component: () => import('./views/AuditView.vue'),
        meta: { nav: 'admin.nav.audit', icon: 'Document', permission: 'audit:read' },
      },
    ],
  },
  // outside the layout: after an administrator's reset it is the only page there is
  { path: '/change-password', name: 'changePassword', component: () => import('./views/ChangePasswordView.vue') },
  { path: '/:rest(.*)*', redirect: { name: 'home' } },
];

export const router = createRouter({ history: createWebHashHistory(), routes });

// the data scope (and later the data date) stays in the URL from page to page: stores/context.ts
router.beforeEach((to) => (useAuth().loggedIn ? contextGuard(to) : true));

router.beforeEach((to) => {
  const auth = useAuth();
  if (to.meta.public) return auth.loggedIn && to.name === 'login' ? { name: 'home' } : true;
  if (!auth.loggedIn) return { name: 'login', query: to.fullPath !== '/' ? { next: to.fullPath } : {} };
  // a reset password is changed before anything else (the API refuses the rest meanwhile)
  if (auth.user?.mustChangePassword) return to.name === 'changePassword' ? true : { name: 'changePassword' };
  const p = to.meta.permission;
  if (p && !auth.can(p)) return to.name === 'home' ? true : { name: 'home' };
  return true;
});
