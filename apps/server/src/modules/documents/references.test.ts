import { describe, expect, it } from 'vitest';
import { type Candidate, chooseTarget, placeTokens } from './references.ts';

/** Which library document a cited number means, when the same number recurs across đảng ủy. */
const HOA_MAU = 'r.hm';
const SI_LO_LAU = 'r.sll';
const quyNhon18: Candidate = {
  id: 'qn',
  orgPath: 'r.qn',
  issuedOn: '2025-10-15',
  issuingBody: 'Đảng ủy phường Quy Nhơn',
};
const hoaMau18: Candidate = {
  id: 'hm',
  orgPath: HOA_MAU,
  issuedOn: '2025-09-04',
  issuingBody: 'Đảng ủy xã Hòa Mẫu',
};

describe('chooseTarget', () => {
  it('the place named after "của" picks the right đảng ủy', () => {
    const cited = { issuer: 'ĐU', issuedOn: null, issuingOrg: 'Đảng ủy phường Quy Nhơn' };
    expect(chooseTarget([quyNhon18, hoaMau18], cited, SI_LO_LAU)).toEqual({
      targetId: 'qn',
      candidateIds: [],
    });
  });

  it('the cited date picks the right one', () => {
    const cited = { issuer: 'ĐU', issuedOn: '2025-09-04', issuingOrg: null };
    expect(chooseTarget([quyNhon18, hoaMau18], cited, SI_LO_LAU).targetId).toBe('hm');
  });

  it('without date or place, the citing document’s own branch of the tree decides', () => {
    const cited = { issuer: 'ĐU', issuedOn: null, issuingOrg: 'Đảng ủy xã' };
    expect(chooseTarget([quyNhon18, hoaMau18], cited, `${HOA_MAU}.cb1`).targetId).toBe('hm');
  });

  it('nothing to tell them apart: unresolved, both offered', () => {
    const cited = { issuer: 'ĐU', issuedOn: null, issuingOrg: null };
    expect(chooseTarget([quyNhon18, hoaMau18], cited, SI_LO_LAU)).toEqual({
      targetId: null,
      candidateIds: ['qn', 'hm'],
    });
  });

  it('a lone local candidate from another branch with nothing tying it to the citation stays unresolved', () => {
    const cited = { issuer: 'ĐU', issuedOn: null, issuingOrg: null };
    expect(chooseTarget([quyNhon18], cited, SI_LO_LAU)).toEqual({ targetId: null, candidateIds: ['qn'] });
  });

  it('a central number names one document nationally', () => {
    const qd339: Candidate = { id: 'tw', orgPath: 'r', issuedOn: '2025-07-10', issuingBody: 'Ban Bí thư' };
    expect(
      chooseTarget([qd339], { issuer: 'TW', issuedOn: null, issuingOrg: null }, SI_LO_LAU).targetId,
    ).toBe('tw');
  });

  it('a different date rules a candidate out', () => {
    const cited = { issuer: 'ĐU', issuedOn: '2024-01-01', issuingOrg: null };
    expect(chooseTarget([hoaMau18], cited, HOA_MAU)).toEqual({ targetId: null, candidateIds: ['hm'] });
  });

  it('placeTokens keeps what tells bodies apart', () => {
    expect(placeTokens('Ban Thường vụ Tỉnh uỷ Gia Lai')).toEqual(['gia', 'lai']);
    expect(placeTokens('Đảng ủy xã')).toEqual([]);
  });
});
