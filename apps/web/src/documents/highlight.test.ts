import { expect, test } from 'vitest';
import { highlightPieces } from './highlight.ts';

test('splits a snippet into plain and marked pieces from [start, end) offsets', () => {
  const text = '…hỗ trợ đảng viên cao tuổi cài đặt ứng dụng';
  const at = (w: string) => [text.indexOf(w), text.indexOf(w) + w.length] as [number, number];
  expect(highlightPieces(text, [at('cài đặt'), at('hỗ trợ')])).toEqual([
    { text: '…', mark: false },
    { text: 'hỗ trợ', mark: true },
    { text: ' đảng viên cao tuổi ', mark: false },
    { text: 'cài đặt', mark: true },
    { text: ' ứng dụng', mark: false },
  ]);
});

test('clips offsets out of range and overlapping ones; no highlights gives the text as it is', () => {
  expect(
    highlightPieces('abcdef', [
      [4, 99],
      [-3, 2],
      [1, 3],
    ]),
  ).toEqual([
    { text: 'ab', mark: true },
    { text: 'c', mark: true },
    { text: 'd', mark: false },
    { text: 'ef', mark: true },
  ]);
  expect(highlightPieces('abc', [])).toEqual([{ text: 'abc', mark: false }]);
  expect(highlightPieces('abc', [[2, 2]])).toEqual([{ text: 'abc', mark: false }]);
});
