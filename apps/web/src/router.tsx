import { createRootRoute, createRoute, createRouter, lazyRouteComponent } from '@tanstack/react-router';
import { validateMembersSearch } from './console/members-search.ts';
import {
  validateLibrarySearch,
  validateStatsSearch,
  validateUploadSearch,
} from './documents/search-params.ts';
import { NotFoundPage, RootLayout, Splash } from './layout/RootLayout.tsx';
import {
  validateCheckInSearch,
  validateMeetingStatsSearch,
  validateMeetingsSearch,
} from './meetings/search-params.ts';
import {
  pageSearch,
  validateFeedbackInboxSearch,
  validateNoticeStatsSearch,
} from './notices/search-params.ts';
import { validateRolloutSearch } from './rollout/search-params.ts';
import { validateCompletionSearch } from './study/completion-search.ts';

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

// Học tập: the member's topics, quiz and bài thu hoạch; the committee's topics and results
const study = createRoute({
  getParentRoute: () => root,
  path: '/study',
  component: lazyRouteComponent(() => import('./study/StudyListPage.tsx'), 'StudyListPage'),
});
const studyTopic = createRoute({
  getParentRoute: () => root,
  path: '/study/$topicId',
  component: lazyRouteComponent(() => import('./study/StudyTopicPage.tsx'), 'StudyTopicPage'),
});
const studyQuiz = createRoute({
  getParentRoute: () => root,
  path: '/study/$topicId/quiz',
  component: lazyRouteComponent(() => import('./study/QuizPage.tsx'), 'QuizPage'),
});
const studyEssay = createRoute({
  getParentRoute: () => root,
  path: '/study/$topicId/essay',
  component: lazyRouteComponent(() => import('./study/EssayPage.tsx'), 'EssayPage'),
});
const studyTopics = createRoute({
  getParentRoute: () => root,
  path: '/study-topics',
  component: lazyRouteComponent(() => import('./study/TopicsPage.tsx'), 'TopicsPage'),
});
const studyTopicNew = createRoute({
  getParentRoute: () => root,
  path: '/study-topics/new',
  component: lazyRouteComponent(() => import('./study/TopicEditorPage.tsx'), 'NewTopicPage'),
});
const studyTopicEdit = createRoute({
  getParentRoute: () => root,
  path: '/study-topics/$topicId/edit',
  component: lazyRouteComponent(() => import('./study/TopicEditorPage.tsx'), 'EditTopicPage'),
});
const studyCompletion = createRoute({
  getParentRoute: () => root,
  path: '/study-topics/$topicId',
  validateSearch: validateCompletionSearch,
  component: lazyRouteComponent(() => import('./study/CompletionPage.tsx'), 'CompletionPage'),
});
const studyMemberReview = createRoute({
  getParentRoute: () => root,
  path: '/study-topics/$topicId/members/$memberId',
  component: lazyRouteComponent(() => import('./study/MemberReviewPage.tsx'), 'MemberReviewPage'),
});

// Tài liệu: the library, the reader, uploads and read statistics
const documents = createRoute({
  getParentRoute: () => root,
  path: '/documents',
  validateSearch: validateLibrarySearch,
  component: lazyRouteComponent(() => import('./documents/LibraryPage.tsx'), 'LibraryPage'),
});
const documentNew = createRoute({
  getParentRoute: () => root,
  path: '/documents/new',
  validateSearch: validateUploadSearch,
  component: lazyRouteComponent(() => import('./documents/UploadPage.tsx'), 'UploadPage'),
});
const documentRead = createRoute({
  getParentRoute: () => root,
  path: '/documents/$id',
  component: lazyRouteComponent(() => import('./documents/ReaderPage.tsx'), 'ReaderPage'),
});
const documentStats = createRoute({
  getParentRoute: () => root,
  path: '/documents/$id/stats',
  validateSearch: validateStatsSearch,
  component: lazyRouteComponent(() => import('./documents/StatsPage.tsx'), 'StatsPage'),
});

// Sinh hoạt chi bộ: the member's meetings and check-in; the chi ủy's code screen, attendance, minutes
const meetings = createRoute({
  getParentRoute: () => root,
  path: '/meetings',
  validateSearch: validateMeetingsSearch,
  component: lazyRouteComponent(() => import('./meetings/MeetingsPage.tsx'), 'MeetingsPage'),
});
const meetingNew = createRoute({
  getParentRoute: () => root,
  path: '/meetings/new',
  component: lazyRouteComponent(() => import('./meetings/NewMeetingPage.tsx'), 'NewMeetingPage'),
});
const meetingStats = createRoute({
  getParentRoute: () => root,
  path: '/meetings/stats',
  validateSearch: validateMeetingStatsSearch,
  component: lazyRouteComponent(() => import('./meetings/MeetingStatsPage.tsx'), 'MeetingStatsPage'),
});
const meeting = createRoute({
  getParentRoute: () => root,
  path: '/meetings/$id',
  component: lazyRouteComponent(() => import('./meetings/MeetingPage.tsx'), 'MeetingPage'),
});
const meetingCheckIn = createRoute({
  getParentRoute: () => root,
  path: '/meetings/$id/check-in',
  validateSearch: validateCheckInSearch,
  component: lazyRouteComponent(() => import('./meetings/CheckInPage.tsx'), 'CheckInPage'),
});
const meetingCode = createRoute({
  getParentRoute: () => root,
  path: '/meetings/$id/code',
  component: lazyRouteComponent(() => import('./meetings/CodePage.tsx'), 'CodePage'),
});
const meetingAttendance = createRoute({
  getParentRoute: () => root,
  path: '/meetings/$id/attendance',
  component: lazyRouteComponent(() => import('./meetings/AttendancePage.tsx'), 'AttendancePage'),
});
const meetingMinutes = createRoute({
  getParentRoute: () => root,
  path: '/meetings/$id/minutes',
  component: lazyRouteComponent(() => import('./meetings/MinutesPage.tsx'), 'MinutesPage'),
});

// Thông báo, Hỏi đáp, Cần hỗ trợ: the member's inbox and questions; the committee's notices, answers, helpers
const notices = createRoute({
  getParentRoute: () => root,
  path: '/notices',
  validateSearch: pageSearch,
  component: lazyRouteComponent(() => import('./notices/InboxPage.tsx'), 'InboxPage'),
});
const noticeNew = createRoute({
  getParentRoute: () => root,
  path: '/notices/new',
  component: lazyRouteComponent(() => import('./notices/ComposePage.tsx'), 'ComposePage'),
});
const noticesSent = createRoute({
  getParentRoute: () => root,
  path: '/notices/sent',
  validateSearch: pageSearch,
  component: lazyRouteComponent(() => import('./notices/SentPage.tsx'), 'SentPage'),
});
const notice = createRoute({
  getParentRoute: () => root,
  path: '/notices/$id',
  component: lazyRouteComponent(() => import('./notices/NoticePage.tsx'), 'NoticePage'),
});
const noticeEdit = createRoute({
  getParentRoute: () => root,
  path: '/notices/$id/edit',
  component: lazyRouteComponent(() => import('./notices/ComposePage.tsx'), 'EditNoticePage'),
});
const noticeStats = createRoute({
  getParentRoute: () => root,
  path: '/notices/$id/stats',
  validateSearch: validateNoticeStatsSearch,
  component: lazyRouteComponent(() => import('./notices/StatsPage.tsx'), 'NoticeStatsPage'),
});
const feedback = createRoute({
  getParentRoute: () => root,
  path: '/feedback',
  component: lazyRouteComponent(() => import('./feedback/MyFeedbackPage.tsx'), 'MyFeedbackPage'),
});
const feedbackNew = createRoute({
  getParentRoute: () => root,
  path: '/feedback/new',
  component: lazyRouteComponent(() => import('./feedback/AskPage.tsx'), 'AskPage'),
});
const feedbackInbox = createRoute({
  getParentRoute: () => root,
  path: '/feedback/inbox',
  validateSearch: validateFeedbackInboxSearch,
  component: lazyRouteComponent(() => import('./feedback/InboxPage.tsx'), 'FeedbackInboxPage'),
});
const feedbackThread = createRoute({
  getParentRoute: () => root,
  path: '/feedback/$id',
  component: lazyRouteComponent(() => import('./feedback/ThreadPage.tsx'), 'ThreadPage'),
});
const help = createRoute({
  getParentRoute: () => root,
  path: '/help',
  component: lazyRouteComponent(() => import('./help/HelpPage.tsx'), 'HelpPage'),
});
const helpContacts = createRoute({
  getParentRoute: () => root,
  path: '/help/contacts',
  component: lazyRouteComponent(() => import('./help/ContactsPage.tsx'), 'ContactsPage'),
});

// Triển khai ứng dụng: the funnel per unit, members needing support, support teams from a plan's annex
const rollout = createRoute({
  getParentRoute: () => root,
  path: '/rollout',
  validateSearch: validateRolloutSearch,
  component: lazyRouteComponent(() => import('./rollout/RolloutPage.tsx'), 'RolloutPage'),
});
const rolloutNeedsSupport = createRoute({
  getParentRoute: () => root,
  path: '/rollout/needs-support',
  validateSearch: validateRolloutSearch,
  component: lazyRouteComponent(() => import('./rollout/NeedsSupportPage.tsx'), 'NeedsSupportPage'),
});
const rolloutRoster = createRoute({
  getParentRoute: () => root,
  path: '/rollout/roster',
  component: lazyRouteComponent(() => import('./rollout/RosterPage.tsx'), 'RosterPage'),
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
  documents,
  documentNew,
  documentRead,
  documentStats,
  study,
  studyTopic,
  studyQuiz,
  studyEssay,
  studyTopics,
  studyTopicNew,
  studyTopicEdit,
  studyCompletion,
  studyMemberReview,
  meetings,
  meetingNew,
  meetingStats,
  meeting,
  meetingCheckIn,
  meetingCode,
  meetingAttendance,
  meetingMinutes,
  notices,
  noticeNew,
  noticesSent,
  notice,
  noticeEdit,
  noticeStats,
  feedback,
  feedbackNew,
  feedbackInbox,
  feedbackThread,
  help,
  helpContacts,
  rollout,
  rolloutNeedsSupport,
  rolloutRoster,
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
