import { describe, expect, it } from 'vitest';
import * as core from './index.ts';

describe('index', () => {
  it('re-exports the public helpers', () => {
    for (const name of [
      'fold',
      'cleanText',
      'collapseWhitespace',
      'sameNameKeepingDiacritics',
      'nameKey',
      'headerKey',
      'foldedTokens',
      'parsePhone',
      'normalizePhone',
      'parseDate',
      'isoDate',
      'formatDateVi',
      'maskCccd',
      'parseCccd',
      'parsePartyCard',
      'parseMemberStatus',
      'isEligibleStatus',
      'isMemberStatus',
      'parseGender',
    ]) {
      expect(typeof (core as Record<string, unknown>)[name], name).toBe('function');
    }
    expect(core.MEMBER_STATUSES).toHaveLength(6);
    expect(Object.keys(core.STATUS_LABELS_VI)).toEqual([...core.MEMBER_STATUSES]);
  });
});
