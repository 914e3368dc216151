import { expect, test } from 'vitest';
import { checkInUrl, parseScanned } from './check-in-url.ts';
import { instantOf, isoDayOf, isToday, meetingWhen, normalTime, timeOf } from './format.ts';

test('a meeting time reads as people here say it, in Vietnam time whatever the phone’s zone', () => {
  // 12:30 UTC is 19:30 in Vietnam
  expect(meetingWhen('2026-12-03T12:30:00Z', 'vi')).toBe('Thứ Năm, 03/12/2026, 19:30');
  expect(meetingWhen('2026-12-06T01:00:00Z', 'vi')).toBe('Chủ Nhật, 06/12/2026, 08:00');
  expect(meetingWhen('2026-12-03T12:30:00Z', 'en')).toBe('Thursday, 03/12/2026, 19:30');
  // 18:00 UTC is already the next day there
  expect(isoDayOf('2026-12-03T18:00:00Z')).toBe('2026-12-04');
  expect(timeOf('2026-12-03T18:00:00Z')).toBe('01:00');
  expect(isToday('2026-12-03T18:00:00Z', new Date('2026-12-04T10:00:00Z'))).toBe(true);
  expect(isToday('2026-12-03T16:00:00Z', new Date('2026-12-04T10:00:00Z'))).toBe(false);
});

test('a typed time becomes the instant in Vietnam time; loose ways of writing it are understood', () => {
  expect(new Date(instantOf('2026-12-03', '19:30')).toISOString()).toBe('2026-12-03T12:30:00.000Z');
  expect(normalTime('7:05')).toBe('07:05');
  expect(normalTime('19h30')).toBe('19:30');
  expect(normalTime('1930')).toBe('19:30');
  expect(normalTime('19.30')).toBe('19:30');
  expect(normalTime('24:00')).toBeNull();
  expect(normalTime('7 giờ')).toBeNull();
});

test('the QR holds the check-in address; a scan yields its meeting and code, or the six digits alone', () => {
  const id = '0b6f1f0e-2a57-4a5b-9d7e-2b1c3d4e5f60';
  const url = checkInUrl('https://sotay.example.vn', id, '042917');
  expect(url).toBe(`https://sotay.example.vn/meetings/${id}/check-in?code=042917`);
  expect(parseScanned(url)).toEqual({ meetingId: id, code: '042917' });
  expect(parseScanned(' 042917 ')).toEqual({ meetingId: null, code: '042917' });
  expect(parseScanned('https://example.com/other?code=042917')).toBeNull();
  expect(parseScanned(`https://sotay.example.vn/meetings/${id}/check-in?code=42917`)).toBeNull();
  expect(parseScanned('WIFI:S:nha-van-hoa;T:WPA;P:12345678;;')).toBeNull();
});
