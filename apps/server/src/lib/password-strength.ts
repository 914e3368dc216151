import { fold } from '@sotay/core';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import { PASSWORD_MAX, PASSWORD_MIN } from './password.ts';

/** Passwords people here really use (OWASP ASVS 5.0 2.1.7: refuse the common ones). */
const VIETNAMESE_COMMON = [
  'matkhau',
  'matkhau123',
  'matkhau@123',
  'matkhaumoi',
  '123456a@',
  '123456a',
  'a123456',
  '123456aa',
  'abc123456',
  'anhyeuem',
  'emyeuanh',
  'yeuem',
  'iloveyou',
  'vietnam',
  'vietnam123',
  'hanoi',
  'hanoi123',
  'saigon',
  'hochiminh',
  'dangvien',
  'dangvien123',
  'dangcongsan',
  'dangcongsanvietnam',
  'chibo',
  'chibo123',
  'sotay',
  'sotaydangvien',
  'qwerty123',
  'zxcvbnm',
  'asdfghjkl',
  '1234567890',
  '0123456789',
  '11111111',
  '88888888',
  '66666666',
  '12345678',
  'bacho',
  'bachokinhyeu',
  'tocquoc',
  'nhandan',
  'hoabinh',
  'doclap',
  'tudo',
  'hanhphuc',
  'doclaptudohanhphuc',
];

const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, vietnamese: VIETNAMESE_COMMON },
  graphs: common.adjacencyGraphs,
});

/**
 * Why a new password is refused, in Vietnamese, or null when it is acceptable: 8 to 128 characters of
 * anything (no composition rules), not guessable (zxcvbn score ≥ 3), and not built from the person's
 * own name, phone, birth date or username.
 */
export function passwordProblem(
  password: string,
  userInputs: (string | null | undefined)[] = [],
): string | null {
  if (password.length < PASSWORD_MIN) return `Mật khẩu cần ít nhất ${PASSWORD_MIN} ký tự.`;
  if (password.length > PASSWORD_MAX) return `Mật khẩu dài quá ${PASSWORD_MAX} ký tự.`;
  const inputs = userInputs
    .filter((s): s is string => !!s)
    .flatMap((s) => [s, fold(s).replace(/\s/g, ''), ...fold(s).split(' ')]);
  const folded = fold(password).replace(/\s/g, '');
  if (inputs.some((i) => i.length >= 4 && folded.includes(fold(i).replace(/\s/g, '')))) {
    return 'Mật khẩu không được chứa tên, số điện thoại, ngày sinh hay tên đăng nhập của bạn.';
  }
  const r = zxcvbn.check(password.slice(0, 100), inputs);
  if (r.score < 3) {
    return 'Mật khẩu này dễ đoán. Hãy dùng một câu ngắn dễ nhớ, ví dụ "Nhà tôi có 3 cây cau", hoặc ghép 3–4 từ không liên quan.';
  }
  return null;
}

/** What a person's password must not be built from: name, phone, số thẻ, CCCD, birth date in the usual forms. */
export function personalInputs(
  m: {
    fullName?: string | null;
    phone?: string | null;
    partyCardNumber?: string | null;
    cccd?: string | null;
    birthDate?: string | null;
  } | null,
): string[] {
  if (!m) return [];
  const out = [m.fullName, m.phone, m.partyCardNumber, m.cccd].filter((s): s is string => !!s);
  if (m.birthDate) {
    const [y, mo, d] = m.birthDate.split('-');
    out.push(`${d}${mo}${y}`, `${Number(d)}${Number(mo)}${y}`, `${y}${mo}${d}`, y!);
  }
  return out;
}
