import { createRootRoute, createRoute, createRouter, lazyRouteComponent } from '@tanstack/react-router';
import { validateMembersSearch } from './console/members-search.ts';
import { NotFoundPage, RootLayout, Splash } from './layout/RootLayout.tsx';

// Code-based routes (docs/decisions/0013): every screen is its own chunk, loaded when first opened.
const root = createRootRoute({ component: RootLayout, notFoundComponent: NotFoundPage });

const home = createRoute({
  getParentRoute: () => root,
  path: '/',
  component: lazyRouteComponent(() => import('./pages/HomePage.tsx'), 'HomePage'),
});
const profile = createRoute({
  getParentRoute: () => root,
  path: '/profile',
  component: lazyRouteComponent(() => import('./pages/ProfilePage.tsx'), 'ProfilePage'),
});
const settings = createRoute({
  getParentRoute: () => root,
  path: '/settings',
  component: lazyRouteComponent(() => import('./pages/SettingsPage.tsx'), 'SettingsPage'),
});
const profileCorrections = createRoute({
  getParentRoute: () => root,
  path: '/profile/corrections',
  component: lazyRouteComponent(
    () => import('./accounts/CorrectionRequestPage.tsx'),
    'CorrectionRequestPage',
  ),
});
const sessions = createRoute({
  getParentRoute: () => root,
  path: '/settings/sessions',
  component: lazyRouteComponent(() => import('./accounts/SessionsPage.tsx'), 'SessionsPage'),
});
const recoveryCodes = createRoute({
  getParentRoute: () => root,
  path: '/settings/recovery-codes',
  component: lazyRouteComponent(() => import('./accounts/RecoveryCodesPage.tsx'), 'RecoveryCodesPage'),
});
// open without a session (PUBLIC_PATHS in layout/RootLayout.tsx)
const register = createRoute({
  getParentRoute: () => root,
  path: '/register',
  component: lazyRouteComponent(() => import('./onboarding/RegisterPage.tsx'), 'RegisterPage'),
});
const resetPassword = createRoute({
  getParentRoute: () => root,
  path: '/reset-password',
  component: lazyRouteComponent(() => import('./onboarding/ResetPasswordPage.tsx'), 'ResetPasswordPage'),
});
const changePassword = createRoute({
  getParentRoute: () => root,
  path: '/change-password',
  component: lazyRouteComponent(() => import('./auth/ChangePasswordPage.tsx'), 'ChangePasswordPage'),
});
const members = createRoute({
  getParentRoute: () => root,
  path: '/members',
  validateSearch: validateMembersSearch,
  component: lazyRouteComponent(() => import('./console/MembersPage.tsx'), 'MembersPage'),
});
const member = createRoute({
  getParentRoute: () => root,
  path: '/members/$memberId',
  component: lazyRouteComponent(() => import('./console/MemberDetailPage.tsx'), 'MemberDetailPage'),
});
const accountSlip = createRoute({
  getParentRoute: () => root,
  path: '/members/$memberId/slip',
  component: lazyRouteComponent(() => import('./console/AccountSlipPage.tsx'), 'AccountSlipPage'),
});
const registrations = createRoute({
  getParentRoute: () => root,
  path: '/registrations',
  component: lazyRouteComponent(() => import('./console/RegistrationsPage.tsx'), 'RegistrationsPage'),
});
const corrections = createRoute({
  getParentRoute: () => root,
  path: '/corrections',
  component: lazyRouteComponent(() => import('./console/CorrectionsPage.tsx'), 'CorrectionsPage'),
});
const importMembers = createRoute({
  getParentRoute: () => root,
  path: '/import',
  component: lazyRouteComponent(() => import('./console/ImportPage.tsx'), 'ImportPage'),
});
const orgs = createRoute({
  getParentRoute: () => root,
  path: '/orgs',
  component: lazyRouteComponent(() => import('./console/OrgsPage.tsx'), 'OrgsPage'),
});
const roles = createRoute({
  getParentRoute: () => root,
  path: '/roles',
  component: lazyRouteComponent(() => import('./console/RolesPage.tsx'), 'RolesPage'),
});
const audit = createRoute({
  getParentRoute: () => root,
  path: '/audit',
  component: lazyRouteComponent(() => import('./console/AuditPage.tsx'), 'AuditPage'),
});

const routeTree = root.addChildren([
  home,
  profile,
  profileCorrections,
  settings,
  sessions,
  recoveryCodes,
  register,
  resetPassword,
  changePassword,
  members,
  member,
  accountSlip,
  registrations,
  corrections,
  importMembers,
  orgs,
  roles,
  audit,
]);

export const router = createRouter({
  routeTree,
  defaultPendingComponent: Splash,
  defaultPendingMs: 300,
  defaultPreload: 'intent',
  scrollRestoration: true,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
