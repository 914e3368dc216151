import { describe, expect, test } from 'vitest';
import { speechChunks, toPages } from './paragraphs.ts';

describe('toPages', () => {
  test('joins the lines a PDF broke inside a sentence, keeps headings and list items apart', () => {
    const text = [
      'ĐẢNG ỦY XÃ',
      'Số 73-KH/ĐU',
      'KẾ HOẠCH',
      'hỗ trợ đảng viên cao tuổi sử dụng ứng dụng',
      '“Sổ tay đảng viên điện tử”',
      'Thực hiện Nghị quyết số 26-NQ/TU, ngày 18/11/2025 của Ban Chấp',
      'hành Đảng bộ tỉnh về đẩy mạnh chuyển đổi số trong công tác xây dựng',
      'Đảng; Đảng ủy xã ban hành Kế hoạch',
      'như sau:',
      'I- MỤC ĐÍCH, YÊU CẦU',
      'Đến hết quý III năm 2026, mọi đảng viên trên 60 tuổi có điện thoại thông',
      '1. Mục đích',
      'Nơi nhận:',
      '- Ban Thường vụ Huyện ủy (b/c),',
      '- Lưu VPĐU.',
    ].join('\n');
    expect(toPages(text)).toEqual([
      {
        number: 1,
        paragraphs: [
          'ĐẢNG ỦY XÃ',
          'Số 73-KH/ĐU',
          'KẾ HOẠCH',
          'hỗ trợ đảng viên cao tuổi sử dụng ứng dụng “Sổ tay đảng viên điện tử”',
          'Thực hiện Nghị quyết số 26-NQ/TU, ngày 18/11/2025 của Ban Chấp hành Đảng bộ tỉnh về đẩy mạnh chuyển đổi số trong công tác xây dựng Đảng; Đảng ủy xã ban hành Kế hoạch như sau:',
          'I- MỤC ĐÍCH, YÊU CẦU',
          'Đến hết quý III năm 2026, mọi đảng viên trên 60 tuổi có điện thoại thông',
          '1. Mục đích',
          'Nơi nhận:',
          '- Ban Thường vụ Huyện ủy (b/c),',
          '- Lưu VPĐU.',
        ],
      },
    ]);
  });

  test('a Word file: one paragraph per blank-line block; pages split at form feeds, empty ones dropped', () => {
    const text = 'Mục đích\n\nđoạn một không có dấu chấm\n\nđoạn hai.\n\f\n  Trang   hai.  \n\f\n\n';
    expect(toPages(text)).toEqual([
      { number: 1, paragraphs: ['Mục đích', 'đoạn một không có dấu chấm', 'đoạn hai.'] },
      { number: 2, paragraphs: ['Trang hai.'] },
    ]);
  });
});

describe('speechChunks', () => {
  test('a short paragraph is one piece', () => {
    expect(speechChunks('Một câu ngắn.')).toEqual(['Một câu ngắn.']);
  });

  test('a long paragraph is cut after sentences, every piece within the limit, nothing lost', () => {
    const sentence = 'Mỗi chi bộ phân công đảng viên trẻ kèm cặp đảng viên cao tuổi, hướng dẫn từng bước. ';
    const paragraph = sentence.repeat(8).trim();
    const pieces = speechChunks(paragraph, 200);
    expect(pieces.length).toBeGreaterThan(3);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(200);
    expect(pieces.every((p) => p.endsWith('.'))).toBe(true);
    expect(pieces.join(' ')).toBe(paragraph);
  });

  test('without punctuation it cuts between words', () => {
    const paragraph = 'chữ '.repeat(100).trim();
    const pieces = speechChunks(paragraph, 50);
    expect(pieces.every((p) => !p.startsWith(' ') && p.length <= 50 && /^(chữ ?)+$/.test(p))).toBe(true);
    expect(pieces.join(' ')).toBe(paragraph);
  });
});
