import { queryOptions } from '@tanstack/react-query';
import { api, data, type Schemas } from '../api/client.ts';
import type { Me } from '../api/types.ts';

type Ok<T> = T extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : never;
export type Funnel = Ok<Schemas['/api/rollout/orgs/{id}']['get']>;
export type FunnelCounts = Omit<Funnel, 'org' | 'children'>;
export type NeedsSupport = Ok<Schemas['/api/rollout/orgs/{id}/needs-support']['get']>['items'][number];
export type RosterPreview = Ok<Schemas['/api/imports/support-roster']['post']>;
export type Campaign = Ok<Schemas['/api/campaigns/{id}']['get']>;
export type ReportInput = NonNullable<
  Schemas['/api/rollout/orgs/{id}/report.docx']['post']['requestBody']
>['content']['application/json'];

/** The steps of the funnel, in order (apps/server/src/modules/rollout/funnel.ts). */
export const STEPS = [
  'eligible',
  'vneidLevel2',
  'installed',
  'registered',
  'approved',
  'loggedIn',
  'active30d',
  'proficient',
] as const satisfies readonly (keyof FunnelCounts)[];

export const funnelQuery = (orgId: string) =>
  queryOptions({
    queryKey: ['rollout', 'funnel', orgId],
    queryFn: () => data(api.GET('/api/rollout/orgs/{id}', { params: { path: { id: orgId } } })),
    staleTime: 60_000,
  });

export const needsSupportQuery = (orgId: string) =>
  queryOptions({
    queryKey: ['rollout', 'needs-support', orgId],
    queryFn: () => data(api.GET('/api/rollout/orgs/{id}/needs-support', { params: { path: { id: orgId } } })),
    staleTime: 60_000,
  });

const ORDER = ['admin', 'cap_uy', 'van_phong', 'chi_uy'] as const;
/** The highest unit one's committee roles reach (cấp ủy before chi ủy); null for a plain member. */
export function topUnit(me: Me): { id: string; name: string } | null {
  for (const role of ORDER) {
    const r = me.roles.find((x) => x.role === role);
    if (r) return { id: r.orgId, name: r.orgName };
  }
  return null;
}

export const canManageRollout = (me: Me) =>
  me.roles.some((r) => r.role === 'cap_uy' || r.role === 'van_phong' || r.role === 'admin');

/** A share written out in the language shown ("12 %"): never a colour alone. */
export function percent(part: number, whole: number, lang: string): string {
  if (!whole) return '—';
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'vi-VN', {
    style: 'percent',
    maximumFractionDigits: part && part / whole < 0.01 ? 1 : 0,
  }).format(part / whole);
}

export type Band = 'good' | 'fair' | 'low';
/** ≥ 80 % đạt, 50–80 % khá, < 50 % cần hỗ trợ. */
export const band = (part: number, whole: number): Band => {
  const r = whole ? part / whole : 0;
  return r >= 0.8 ? 'good' : r >= 0.5 ? 'fair' : 'low';
};

/** Saves a response body as a file the browser downloads. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
