import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import type { Permission } from '../shared/permissions.js';
import { useAuth } from './stores/auth.js';

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
    ],
  },
  { path: '/:rest(.*)*', redirect: { name: 'home' } },
];

export const router = createRouter({ history: createWebHashHistory(), routes });

router.beforeEach((to) => {
  const auth = useAuth();
  if (to.meta.public) return auth.loggedIn && to.name === 'login' ? { name: 'home' } : true;
  if (!auth.loggedIn) return { name: 'login', query: to.fullPath !== '/' ? { next: to.fullPath } : {} };
  const p = to.meta.permission;
  if (p && !auth.can(p)) return to.name === 'home' ? true : { name: 'home' };
  return true;
});
