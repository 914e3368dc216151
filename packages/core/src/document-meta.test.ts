import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectDocumentMeta } from './document-meta.ts';
import { DOCUMENT_TYPES, ISSUERS, numberKey } from './document-number.ts';
import * as core from './index.ts';

function fixture(name: string): string {
  return readFileSync(new URL(`../test-fixtures/${name}`, import.meta.url), 'utf8');
}

function citedKeys(text: string): string[] {
  return detectDocumentMeta(text).citations.map((c) => c.number.number);
}

describe('detectDocumentMeta on real documents', () => {
  it('seed 000: number from the header, no date line, citations without its own number', () => {
    const meta = detectDocumentMeta(fixture('seed-000.txt'));
    expect(meta).toMatchObject({
      numberSource: 'header',
      type: 'KH',
      issuer: 'ĐU',
      issuedOn: null,
      place: null,
      issuingBody: null,
      title: 'triển khai ứng dụng “Sổ tay đảng viên điện tử”',
    });
    expect(meta.number?.number).toBe('18-KH/ĐU');
    const cited = meta.citations.map((c) => [c.number.number, c.issuedOn]);
    expect(cited).toContainEqual(['24-KH/TU', '2025-09-12']);
    expect(cited).toContainEqual(['339-QĐ/TW', '2025-07-10']);
    expect(cited).toContainEqual(['168-KH/VPTW', '2025-08-21']);
    expect(cited.map(([n]) => n)).not.toContain('18-KH/ĐU');
  });

  it('seed 003: number and date from the annex line', () => {
    const meta = detectDocumentMeta(fixture('seed-003.txt'));
    expect(meta).toMatchObject({ numberSource: 'annex', type: 'KH', issuer: 'ĐU', issuedOn: '2026-04-22' });
    expect(meta.number?.number).toBe('142-KH/ĐU');
    expect(meta.title).toBe(
      'tổ chức hỗ trợ trực tiếp đảng viên cài đặt, sử dụng ứng dụng “Sổ tay đảng viên điện tử”',
    );
    expect(meta.citations.map((c) => [c.number.number, c.issuedOn])).toEqual([
      ['27-KH/ĐU', '2025-09-04'],
      ['27-KH/ĐU', null],
    ]);
    expect(meta.citations[0]?.issuingOrg).toBe('Đảng ủy xã Sì Lỗ Lầu');
  });

  it('nghị quyết (PDF, interleaved columns)', () => {
    const meta = detectDocumentMeta(fixture('nghi-quyet-26-NQ-TU.pdf.txt'));
    expect(meta).toMatchObject({
      numberSource: 'header',
      type: 'NQ',
      issuer: 'TU',
      issuedOn: '2025-11-18',
      place: 'Nam Lĩnh',
      issuingBody: 'Tỉnh ủy Nam Lĩnh',
      citations: [],
    });
    expect(meta.number?.number).toBe('26-NQ/TU');
    expect(meta.title).toBe('về đẩy mạnh chuyển đổi số trong công tác xây dựng Đảng giai đoạn 2025 – 2030');
  });

  it('kế hoạch (PDF): the numbers cited in the body are not its own', () => {
    const meta = detectDocumentMeta(fixture('ke-hoach-73-KH-DU.pdf.txt'));
    expect(meta).toMatchObject({
      numberSource: 'header',
      type: 'KH',
      issuer: 'ĐU',
      issuedOn: '2026-02-09',
      place: 'Hòa Mẫu',
      issuingBody: 'Đảng ủy xã Hòa Mẫu',
      title: 'hỗ trợ đảng viên cao tuổi sử dụng ứng dụng “Sổ tay đảng viên điện tử”',
    });
    expect(meta.number?.number).toBe('73-KH/ĐU');
    expect(meta.citations.map((c) => [c.number.number, c.issuedOn, c.typeName])).toEqual([
      ['26-NQ/TU', '2025-11-18', 'Nghị quyết'],
      ['21-HD/BTCTW', null, 'Hướng dẫn'],
    ]);
  });

  it('thông báo (DOCX, blank lines between paragraphs)', () => {
    const meta = detectDocumentMeta(fixture('thong-bao-19-TB-DU.docx.txt'));
    expect(meta).toMatchObject({
      type: 'TB',
      issuer: 'ĐU',
      issuedOn: '2026-03-16',
      issuingBody: 'Đảng ủy xã Hòa Mẫu',
      title: 'kết quả đợt 1 hỗ trợ đảng viên cao tuổi',
    });
    expect(meta.number?.number).toBe('19-TB/ĐU');
    expect(meta.citations.map((c) => [c.number.number, c.issuedOn])).toEqual([['73-KH/ĐU', '2026-02-09']]);
  });

  it('công văn: the "V/v" line is the title; a deadline date is not a number', () => {
    const meta = detectDocumentMeta(fixture('cong-van-11-CV-DU.pdf.txt'));
    expect(meta).toMatchObject({
      numberSource: 'header',
      type: 'CV',
      issuer: 'ĐU',
      issuedOn: '2026-02-03',
      place: 'Hòa Mẫu',
      title: 'V/v tổng hợp số liệu',
      citations: [],
    });
    expect(meta.number?.number).toBe('11-CV/ĐU');
  });

  it('reads NFD text like NFC text', () => {
    const nfc = detectDocumentMeta(fixture('ke-hoach-73-KH-DU.pdf.txt'));
    const nfd = detectDocumentMeta(fixture('ke-hoach-73-KH-DU.pdf.txt').normalize('NFD'));
    const { citations: _a, ...restNfc } = nfc;
    const { citations: _b, ...restNfd } = nfd;
    expect(restNfd).toEqual(restNfc);
    expect(nfd.citations.map((c) => c.number)).toEqual(nfc.citations.map((c) => c.number));
  });
});

describe('detectDocumentMeta on other layouts', () => {
  it('reads a header laid out in tab-separated columns with a rule under the title', () => {
    const text = [
      'ĐẢNG BỘ TỈNH GIA LAI\tĐẢNG CỘNG SẢN VIỆT NAM',
      'ĐẢNG ỦY PHƯỜNG QUY NHƠN',
      '*\tQuy Nhơn, ngày 15 tháng 10 năm 2025',
      'Số: 18-KH/ĐU',
      '',
      'KẾ HOẠCH',
      'triển khai ứng dụng',
      '-----',
      'Ban Thường vụ ban hành kế hoạch theo Kế hoạch số 24-KH/TU.',
    ].join('\n');
    expect(detectDocumentMeta(text)).toMatchObject({
      type: 'KH',
      issuingBody: 'Đảng ủy phường Quy Nhơn',
      place: 'Quy Nhơn',
      issuedOn: '2025-10-15',
      title: 'triển khai ứng dụng',
    });
    expect(citedKeys(text)).toEqual(['24-KH/TU']);
  });

  it('never takes a number cited in the body for its own', () => {
    const text =
      'ĐẢNG ỦY XÃ HÒA MẪU\n*\nNGHỊ QUYẾT\nvề chuyển đổi số\nCăn cứ Nghị quyết số 26-NQ/TU của Tỉnh ủy;\nSố 5-NQ/ĐU';
    const meta = detectDocumentMeta(text);
    expect(meta).toMatchObject({
      number: null,
      numberSource: null,
      type: 'NQ',
      issuer: null,
      title: 'về chuyển đổi số',
    });
    expect(meta.citations.map((c) => c.number.number)).toEqual(['26-NQ/TU', '5-NQ/ĐU']);
  });

  it('keeps a trích yếu that starts with "thực hiện" and cites a number', () => {
    const text =
      'ĐẢNG ỦY XÃ\n*\nSố 5-KH/ĐU\nKẾ HOẠCH\nthực hiện Nghị quyết số 26-NQ/TU\ncủa Tỉnh ủy\nThực hiện chỉ đạo của Tỉnh ủy, …';
    const meta = detectDocumentMeta(text);
    expect(meta.number?.number).toBe('5-KH/ĐU');
    expect(meta.title).toBe('thực hiện Nghị quyết số 26-NQ/TU của Tỉnh ủy');
    expect(citedKeys(text)).toEqual(['26-NQ/TU']);
  });

  it('takes the date of the annex naming the header number when the header has no date', () => {
    const text =
      '*\nSố 18-KH/ĐU\nKẾ HOẠCH\nhỗ trợ\nThực hiện Kế hoạch số 3-KH/ĐU, ngày 1/2/2026.\n' +
      'DANH SÁCH\n(Kèm theo Kế hoạch số 18-KH/ĐU, ngày 05/3/2026 của Đảng ủy xã)';
    expect(detectDocumentMeta(text)).toMatchObject({ numberSource: 'header', issuedOn: '2026-03-05' });
    const other = text.replace('Kèm theo Kế hoạch số 18', 'Kèm theo Kế hoạch số 19');
    expect(detectDocumentMeta(other)).toMatchObject({ numberSource: 'header', issuedOn: null });
  });

  it('ignores an annex line of another type than the heading', () => {
    const text = 'KẾ HOẠCH\nhỗ trợ\nThực hiện chỉ đạo.\n(Kèm theo Quyết định số 12-QĐ/ĐU, ngày 1/2/2026)';
    expect(detectDocumentMeta(text)).toMatchObject({
      number: null,
      numberSource: null,
      type: 'KH',
      issuedOn: null,
    });
  });

  it('joins the lower-case continuation of a V/v line and reads a numeric date line', () => {
    const text =
      'ĐẢNG ỦY XÃ HÒA MẪU\n*\nV/v tổng hợp số liệu\nđảng viên cao tuổi\nĐẢNG CỘNG SẢN VIỆT NAM\nHòa Mẫu, ngày 22/4/2026\nKính gửi: Các chi bộ';
    expect(detectDocumentMeta(text)).toMatchObject({
      number: null,
      type: 'CV',
      title: 'V/v tổng hợp số liệu đảng viên cao tuổi',
      place: 'Hòa Mẫu',
      issuedOn: '2026-04-22',
      issuingBody: 'Đảng ủy xã Hòa Mẫu',
    });
  });

  it('reads number, place and date written on one line', () => {
    const text = 'ĐẢNG ỦY XÃ\n*\nSố 18-KH/ĐU Quy Nhơn, ngày 05 tháng 01 năm 2026\nKẾ HOẠCH\nhỗ trợ';
    const meta = detectDocumentMeta(text);
    expect(meta).toMatchObject({ place: 'Quy Nhơn', issuedOn: '2026-01-05', issuingBody: 'Đảng ủy xã' });
    expect(meta.number?.number).toBe('18-KH/ĐU');
    expect(detectDocumentMeta('Số 18-KH/ĐU Ngày 05/01/2026')).toMatchObject({
      place: null,
      issuedOn: '2026-01-05',
    });
  });

  it('strips markdown from the header', () => {
    const text =
      '**ĐẢNG ỦY XÃ**  \n\\*  \nSố 7 - TB/ĐU\n\n## **THÔNG BÁO**\n\n**về lịch *sinh hoạt***\n\n**I - NỘI DUNG**';
    expect(detectDocumentMeta(text)).toMatchObject({
      type: 'TB',
      title: 'về lịch sinh hoạt',
      issuingBody: 'Đảng ủy xã',
    });
  });

  it('gives nulls for text without a header', () => {
    expect(detectDocumentMeta('')).toEqual({
      number: null,
      numberSource: null,
      type: null,
      issuer: null,
      issuingBody: null,
      place: null,
      issuedOn: null,
      title: null,
      citations: [],
    });
    expect(detectDocumentMeta('Chuyển đổi số trong sinh hoạt chi bộ.').title).toBeNull();
  });

  it.each([
    [['ĐẢNG BỘ TỈNH GIA LAI', 'BAN THƯỜNG VỤ TỈNH ỦY'], 'Ban Thường vụ Tỉnh ủy Gia Lai'],
    [['ĐẢNG BỘ THÀNH PHỐ HÀ NỘI', 'THÀNH ỦY'], 'Thành ủy Hà Nội'],
    [['ĐẢNG BỘ XÃ HÒA MẪU', 'CHI BỘ THÔN KHE CÁT'], 'Chi bộ thôn Khe Cát'],
    [['ĐẢNG BỘ TỈNH GIA LAI', 'ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH'], 'Đảng ủy khối các cơ quan tỉnh Gia Lai'],
    [['ĐẢNG BỘ TỈNH LÀO CAI', 'ỦY BAN KIỂM TRA TỈNH ỦY'], 'Ủy ban Kiểm tra Tỉnh ủy Lào Cai'],
    [['ĐẢNG ỦY XÃ SÌ LỖ LẦU'], 'Đảng ủy xã Sì Lỗ Lầu'],
    [['TỈNH ỦY GIA LAI', 'BAN TỔ CHỨC'], 'Ban Tổ chức'],
    [['ĐẢNG CỘNG SẢN VIỆT NAM', 'ĐẢNG ỦY XÃ'], 'Đảng ủy xã'],
  ])('names the issuing body from %j', (lines, expected) => {
    const text = [...lines, '*', 'Số 1-TB/ĐU', 'THÔNG BÁO', 'về lịch họp'].join('\n');
    expect(detectDocumentMeta(text).issuingBody).toBe(expected);
  });
});

describe('detectDocumentMeta (properties)', () => {
  const number = fc
    .record({
      serial: fc.integer({ min: 1, max: 999 }),
      type: fc.constantFrom(...Object.keys(DOCUMENT_TYPES)),
      issuer: fc.constantFrom(...Object.keys(ISSUERS)),
    })
    .map(({ serial, type, issuer }) => `${serial}-${type}/${issuer}`);

  it('takes the header number as its own and lists every other cited number in order', () => {
    fc.assert(
      fc.property(number, fc.array(number, { maxLength: 6 }), (own, cited) => {
        const body = [...cited, own].map(
          (n, i) => `${i === 0 ? 'Thực hiện' : 'và'} Kế hoạch số ${n}, ngày 2/3/2025`,
        );
        const text = [
          'ĐẢNG ỦY XÃ HÒA MẪU',
          '*',
          `Số ${own}`,
          'Hòa Mẫu, ngày 09 tháng 02 năm 2026',
          'KẾ HOẠCH',
          'hỗ trợ',
          ...body,
        ].join('\n');
        const meta = detectDocumentMeta(text);
        expect(meta.number?.number).toBe(own);
        expect(meta.issuedOn).toBe('2026-02-09');
        expect(meta.citations.map((c) => c.number.number)).toEqual(
          cited.filter((n) => numberKey(n) !== numberKey(own)),
        );
      }),
    );
  });
});

describe('index', () => {
  it('re-exports the document helpers', () => {
    for (const name of [
      'detectDocumentMeta',
      'parseDocumentNumber',
      'parseLeadingDocumentNumber',
      'numberKey',
      'findCitations',
      'parseNumberQuery',
      'parseWrittenDate',
      'typeCodeFromName',
    ]) {
      expect(typeof (core as Record<string, unknown>)[name], name).toBe('function');
    }
    expect(core.DOCUMENT_TYPES.KH).toBe('Kế hoạch');
    expect(core.ISSUERS.ĐU).toBe('Đảng ủy');
    expect(core.DOCUMENT_TYPE_BY_NAME['ke hoach']).toBe('KH');
  });
});
