import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import type { Capability } from '../shared/api.js';
import { useAuth } from './stores/auth.js';
import { contextGuard } from './stores/context.js';
import { DASHBOARD_IDS } from '../shared/indicators.js';

declare module 'vue-router' {
  interface RouteMeta {
    /** shown in the left navigation under this i18n key */
    nav?: string;
    icon?: string;
    /** the capability (from the core) the page needs */
    capability?: Capability;
    public?: boolean;
    /** the i18n key of the menu group (a sub-menu) the page's entries sit in */
    navGroup?: string;
    /** one menu entry per value of a route parameter (the dashboards: one per id); label keys `${labelPrefix}${value}` */
    navEach?: { param: string; values: readonly string[]; labelPrefix: string };
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
        meta: { nav: 'nav.home', icon: 'HomeFilled', capability: 'canReadData' },
      },
      // 数据看板: one page drawing any of the core's dashboards (the menu lists each)
      { path: 'dashboards', redirect: '/dashboards/overview' },
      {
        path: 'dashboards/:id',
        name: 'dashboard',
        component: () => import('./views/DashboardView.vue'),
        meta: {
          nav: 'dash.nav.group',
          icon: 'DataAnalysis',
          capability: 'canReadData',
          navGroup: 'dash.nav.group',
          navEach: { param: 'id', values: DASHBOARD_IDS, labelPrefix: 'dash.nav.' },
        },
      },
      // 明细: the rows behind a figure; the URL is the list (key, cat, date, org, staff)
      { path: 'drill/:list', name: 'drill', component: () => import('./views/DrillView.vue'), meta: { capability: 'canReadData' } },
      // 对账: official figures beside the console's (in the 数据看板 group)
      {
        path: 'reconcile',
        name: 'reconcile',
        component: () => import('./views/ReconcileView.vue'),
        meta: { nav: 'reconcile.nav', icon: 'DataAnalysis', capability: 'canReadData', navGroup: 'dash.nav.group' },
      },
      // 监测预警 (issue 10): the alert list is a URL of its filters; an alert's page; the overview; the rules
      {
        path: 'monitoring/alerts',
        name: 'alerts',
        component: () => import('./views/AlertListView.vue'),
        meta: { nav: 'mon.nav.alerts', icon: 'Warning', capability: 'canReadData', navGroup: 'mon.nav.group' },
      },
      { path: 'monitoring/alerts/:id', name: 'alert', component: () => import('./views/AlertDetailView.vue'), meta: { capability: 'canReadData' } },
      {
        path: 'monitoring/overview',
        name: 'monitoringOverview',
        component: () => import('./views/MonitoringOverviewView.vue'),
        meta: { nav: 'mon.nav.overview', icon: 'Warning', capability: 'canReadData', navGroup: 'mon.nav.group' },
      },
      {
        path: 'monitoring/rules',
        name: 'ruleSettings',
        component: () => import('./views/RuleSettingsView.vue'),
        meta: { nav: 'mon.nav.rules', icon: 'Warning', capability: 'canReadData', navGroup: 'mon.nav.group' },
      },
      // 网格化服务 (issue 11): the grid map; its layers and filters live in the URL query
      {
        path: 'grid/map',
        name: 'gridMap',
        component: () => import('./views/GridMapView.vue'),
        meta: { nav: 'gmap.nav.map', icon: 'MapLocation', capability: 'canReadData', navGroup: 'gmap.nav.group' },
      },
      // 走访路线 (issue 11): a staff member's visit route on a day, in the 网格化服务 group
      {
        path: 'grid/route',
        name: 'gridRoute',
        component: () => import('./views/RouteView.vue'),
        meta: { nav: 'route.nav', icon: 'MapLocation', capability: 'canReadData', navGroup: 'gmap.nav.group' },
      },
      // 绩效考核 (issue 12): sheets, rankings, the daily bulletin; the period and the object live in the URL
      {
        path: 'assess/sheets',
        name: 'assessSheets',
        component: () => import('./views/AssessView.vue'),
        meta: { nav: 'assess.nav.sheets', icon: 'Document', capability: 'canReadData', navGroup: 'assess.nav.group' },
      },
      {
        path: 'assess/ranking',
        name: 'assessRanking',
        component: () => import('./views/AssessRankingView.vue'),
        meta: { nav: 'assess.nav.ranking', icon: 'Document', capability: 'canReadData', navGroup: 'assess.nav.group' },
      },
      {
        path: 'assess/scheme',
        name: 'assessScheme',
        component: () => import('./views/AssessSchemeView.vue'),
        meta: { nav: 'ascheme.nav', icon: 'Document', capability: 'canReadData', navGroup: 'assess.nav.group' },
      },
      {
        path: 'bulletin',
        name: 'bulletin',
        component: () => import('./views/BulletinView.vue'),
        meta: { nav: 'assess.nav.bulletin', icon: 'Document', capability: 'canReadData', navGroup: 'assess.nav.group' },
      },
      {
        path: 'import',
        name: 'import',
        component: () => import('./views/ImportView.vue'),
        meta: { nav: 'nav.import', icon: 'Upload', capability: 'canViewImports' },
      },
      // Customers (惠金小助手)
      {
        path: 'customers',
        name: 'customers',
        component: () => import('./views/CustomerSearchView.vue'),
        meta: { nav: 'crm.nav.search', icon: 'Search', capability: 'canReadData' },
      },
      {
        path: 'customers/:id',
        name: 'customer',
        component: () => import('./views/CustomerView.vue'),
        meta: { capability: 'canReadData' },
        // users whose look-ups open the counter view first (a flag from the core) land there;
        // ?full=1 is the way on to the whole 360
        beforeEnter: (to) => (useAuth().can('lobbyView') && !to.query.full ? { name: 'quick', params: to.params, query: to.query } : true),
      },
      { path: 'quick/:id', name: 'quick', component: () => import('./views/QuickCheckView.vue'), meta: { capability: 'canReadData' } },
      {
        path: 'gaps',
        name: 'gaps',
        component: () => import('./views/GapListView.vue'),
        meta: { nav: 'crm.nav.gaps', icon: 'List', capability: 'canReadData' },
      },
      {
        path: 'coverage',
        name: 'coverage',
        component: () => import('./views/CoverageView.vue'),
        meta: { nav: 'crm.nav.coverage', icon: 'Grid', capability: 'canReadData' },
      },
      {
        path: 'settings/crm',
        name: 'crmSettings',
        component: () => import('./views/CrmSettingsView.vue'),
        meta: { nav: 'crm.nav.settings', icon: 'Setting', capability: 'canEditSettings' },
      },
      // Administration
      {
        path: 'users',
        name: 'users',
        component: () => import('./views/UsersView.vue'),
        meta: { nav: 'admin.nav.users', icon: 'User', capability: 'canAdmin' },
      },
      {
        path: 'audit',
        name: 'audit',
        component: () => import('./views/AuditView.vue'),
        meta: { nav: 'admin.nav.audit', icon: 'Document', capability: 'canAudit' },
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
  const c = to.meta.capability;
  if (c && !auth.can(c)) return to.name === 'home' ? true : { name: 'home' };
  return true;
});
