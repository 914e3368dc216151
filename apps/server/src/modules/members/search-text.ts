import { fold } from '@sotay/core';

/** What `q` matches: the folded name, the phone and the số thẻ (one trigram-indexed column). */
export function searchText(m: {
  fullName: string;
  phone?: string | null;
  partyCardNumber?: string | null;
}): string {
  return [fold(m.fullName), m.phone ?? '', m.partyCardNumber ?? ''].filter(Boolean).join(' ');
}

/** Vietnamese lists sort by given name (the last word), then by the whole name. */
export function nameSort(fullName: string): string {
  const f = fold(fullName);
  const given = f.split(' ').pop() ?? f;
  return `${given} ${f}`;
}

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
