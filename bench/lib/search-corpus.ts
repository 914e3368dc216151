/**
 * A synthetic province-wide library for bench:search: a tỉnh ủy with 30 đảng ủy (10 chi bộ each),
 * central and provincial documents addressed to everyone, and each đảng ủy's own documents numbered
 * per type from 1, so the same number (18-KH/ĐU) recurs in every đảng ủy as it does in life. Planted
 * among them: the real texts the labelled queries look for (the two seed plans and the four contract
 * fixtures), each in the đảng ủy it belongs to.
 */
import fs from 'node:fs';
import { DOCUMENT_TYPES, detectDocumentMeta, fold, numberKey } from '@sotay/core';
import { searchBody, searchHead } from '../../apps/server/src/modules/documents/search-text.ts';
import { REPO_ROOT } from './paths.ts';

export const PROVINCE = 'Đảng bộ tỉnh Nam Lĩnh';
/** The đảng ủy the labelled queries search from come first; the rest are generated names. */
export const DANG_UY = [
  'Quy Nhơn',
  'Sì Lỗ Lầu',
  'Hòa Mẫu',
  ...[
    'Nà Hẩu',
    'Khe Cát',
    'Đồng Tâm',
    'Mồ Sỉ San',
    'Pa Vây Sử',
    'Tả Phìn',
    'Bản Lang',
    'Phúc Khánh',
    'Yên Thành',
    'Tân Lập',
    'Hòa Bình',
    'Minh Khai',
    'Quang Trung',
    'Lê Lợi',
    'Trần Phú',
    'Hưng Đạo',
    'Kim Đồng',
    'Thanh Sơn',
    'Xuân Phương',
    'Đông Hải',
    'Tây Sơn',
    'Nam Hồng',
    'Bắc Hà',
    'Phong Thổ',
    'Mường Tè',
    'Sìn Hồ',
    'Than Uyên',
  ],
];

export interface Planted {
  key: string;
  file: string;
  /** Đảng ủy it is addressed to, or null for the province (visible to all). */
  dangUy: string | null;
  issuingBody: string;
}

export const PLANTED: Planted[] = [
  { key: 'seed-000', file: 'seed-000.txt', dangUy: 'Quy Nhơn', issuingBody: 'Đảng ủy phường Quy Nhơn' },
  { key: 'seed-003', file: 'seed-003.txt', dangUy: 'Sì Lỗ Lầu', issuingBody: 'Đảng ủy xã Sì Lỗ Lầu' },
  {
    key: 'ke-hoach-73',
    file: 'ke-hoach-73-KH-DU.pdf.txt',
    dangUy: 'Hòa Mẫu',
    issuingBody: 'Đảng ủy xã Hòa Mẫu',
  },
  {
    key: 'thong-bao-19',
    file: 'thong-bao-19-TB-DU.docx.txt',
    dangUy: 'Hòa Mẫu',
    issuingBody: 'Đảng ủy xã Hòa Mẫu',
  },
  {
    key: 'cong-van-11',
    file: 'cong-van-11-CV-DU.pdf.txt',
    dangUy: 'Hòa Mẫu',
    issuingBody: 'Đảng ủy xã Hòa Mẫu',
  },
  {
    key: 'nghi-quyet-26',
    file: 'nghi-quyet-26-NQ-TU.pdf.txt',
    dangUy: null,
    issuingBody: 'Tỉnh ủy Nam Lĩnh',
  },
];

export function plantedText(p: Planted): string {
  return fs.readFileSync(`${REPO_ROOT}/packages/core/test-fixtures/${p.file}`, 'utf8');
}

function prng(seed: number) {
  let s = seed | 0;
  const next = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(a: readonly T[]): T => a[Math.floor(next() * a.length)]!;
  return { next, int, pick };
}

const TOPICS = [
  'công tác phát triển đảng viên năm',
  'nâng cao chất lượng sinh hoạt chi bộ',
  'công tác kiểm tra, giám sát',
  'tổ chức đại hội chi bộ nhiệm kỳ',
  'học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
  'công tác dân vận của hệ thống chính trị',
  'phòng, chống tham nhũng, lãng phí',
  'xây dựng nông thôn mới kiểu mẫu',
  'công tác quốc phòng, quân sự địa phương',
  'phòng, chống thiên tai và tìm kiếm cứu nạn',
  'công tác bảo vệ nền tảng tư tưởng của Đảng',
  'đánh giá, xếp loại chất lượng tổ chức cơ sở đảng và đảng viên',
  'thu, nộp, quản lý và sử dụng đảng phí',
  'công tác tuyên truyền kỷ niệm ngày thành lập Đảng',
  'giảm nghèo bền vững đối với đồng bào dân tộc thiểu số',
  'phát triển kinh tế tập thể, hợp tác xã',
  'công tác cán bộ và quy hoạch cán bộ',
  'bảo vệ môi trường và ứng phó biến đổi khí hậu',
  'công tác an ninh trật tự trên địa bàn',
  'phát triển du lịch cộng đồng',
  'chăm sóc sức khỏe nhân dân',
  'khuyến học, khuyến tài, xây dựng xã hội học tập',
  'quản lý đất đai và trật tự xây dựng',
  'công tác thi đua, khen thưởng',
  'tổng kết công tác xây dựng Đảng',
];

const SENTENCES = [
  'Các chi bộ trực thuộc quán triệt đến toàn thể đảng viên, tổ chức thực hiện nghiêm túc.',
  'Cấp ủy các cấp tăng cường lãnh đạo, chỉ đạo, kịp thời tháo gỡ khó khăn, vướng mắc.',
  'Văn phòng Đảng ủy theo dõi, đôn đốc, tổng hợp kết quả báo cáo Ban Thường vụ.',
  'Phát huy vai trò tiền phong, gương mẫu của cán bộ, đảng viên, nhất là người đứng đầu.',
  'Gắn việc thực hiện với nhiệm vụ chính trị của địa phương, cơ quan, đơn vị.',
  'Định kỳ sơ kết, đánh giá kết quả, rút kinh nghiệm và đề xuất giải pháp phù hợp.',
  'Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội phối hợp tuyên truyền, vận động.',
  'Bảo đảm kinh phí, cơ sở vật chất phục vụ việc triển khai thực hiện.',
  'Kết quả thực hiện là tiêu chí đánh giá, xếp loại tổ chức đảng và đảng viên cuối năm.',
  'Trong quá trình thực hiện, nếu có vướng mắc, báo cáo về Ban Thường vụ để xem xét, giải quyết.',
  'Tổ chức hội nghị quán triệt, triển khai đến cán bộ chủ chốt và bí thư các chi bộ.',
  'Nâng cao nhận thức, trách nhiệm của cấp ủy, chính quyền và nhân dân.',
  'Rà soát, bổ sung quy chế làm việc, phân công nhiệm vụ cụ thể cho từng đồng chí cấp ủy viên.',
  'Chú trọng công tác bồi dưỡng lý luận chính trị cho quần chúng ưu tú và đảng viên mới.',
  'Đẩy mạnh ứng dụng công nghệ thông tin trong lãnh đạo, chỉ đạo và điều hành.',
];

const LOCAL_TYPES = ['KH', 'TB', 'BC', 'CV', 'NQ', 'QĐ', 'HD', 'CTr', 'GM', 'BB'] as const;
const CENTRAL = [
  ['QĐ', 'TW', 'Ban Bí thư'],
  ['KH', 'VPTW', 'Văn phòng Trung ương Đảng'],
  ['HD', 'BTCTW', 'Ban Tổ chức Trung ương'],
  ['CT', 'TW', 'Bộ Chính trị'],
  ['KL', 'TW', 'Bộ Chính trị'],
] as const;

export interface CorpusDoc {
  key: string | null;
  /** Đảng ủy index (into DANG_UY) the document is addressed to, or -1 for the province. */
  dangUy: number;
  number: string;
  numberKey: string;
  type: string;
  issuer: string;
  issuingBody: string;
  issuedOn: string;
  title: string;
  bodyText: string;
  searchHead: string;
  searchBody: string;
}

function finish(d: Omit<CorpusDoc, 'searchHead' | 'searchBody' | 'numberKey'>): CorpusDoc {
  return {
    ...d,
    numberKey: numberKey(d.number),
    searchHead: searchHead({ ...d, category: null }),
    searchBody: searchBody(d.bodyText),
  };
}

/** The planted documents, read and numbered exactly as an upload would. */
export function plantedDocs(): CorpusDoc[] {
  return PLANTED.map((p) => {
    const text = plantedText(p);
    const meta = detectDocumentMeta(text);
    if (!meta.number) throw new Error(`planted ${p.key}: no number read`);
    return finish({
      key: p.key,
      dangUy: p.dangUy ? DANG_UY.indexOf(p.dangUy) : -1,
      number: meta.number.number,
      type: meta.number.type,
      issuer: meta.number.issuer,
      issuingBody: p.issuingBody,
      issuedOn: meta.issuedOn ?? '2025-10-15',
      title: meta.title ?? p.key,
      bodyText: text,
    });
  });
}

/**
 * `total` generated documents (deterministic), skipping the numbers planted documents hold in their
 * own đảng ủy (or in the province), so every labelled query has one right answer.
 */
export function* generatedDocs(total: number, seed = 2026): Generator<CorpusDoc> {
  const r = prng(seed);
  const taken = new Set(plantedDocs().map((d) => `${d.dangUy}|${d.numberKey}`));
  const serials = new Map<string, number>();
  const nextSerial = (scope: string) => {
    const n = (serials.get(scope) ?? 0) + 1;
    serials.set(scope, n);
    return n;
  };
  for (let i = 0; i < total; i++) {
    const roll = r.next();
    let dangUy: number;
    let type: string;
    let issuer: string;
    let issuingBody: string;
    if (roll < 0.02) {
      const [t, iss, body] = r.pick(CENTRAL);
      [dangUy, type, issuer, issuingBody] = [-1, t, iss, body];
    } else if (roll < 0.1) {
      [dangUy, type, issuer, issuingBody] = [-1, r.pick(LOCAL_TYPES), 'TU', 'Tỉnh ủy Nam Lĩnh'];
    } else {
      dangUy = r.int(0, DANG_UY.length - 1);
      [type, issuer, issuingBody] = [r.pick(LOCAL_TYPES), 'ĐU', `Đảng ủy xã ${DANG_UY[dangUy]}`];
    }
    let number: string;
    do {
      number = `${nextSerial(`${dangUy}|${type}|${issuer}`)}-${type}/${issuer}`;
    } while (taken.has(`${dangUy}|${numberKey(number)}`));
    const typeName = DOCUMENT_TYPES[type] ?? 'Văn bản';
    const topic = r.pick(TOPICS);
    const year = r.int(2020, 2026);
    const title = `${typeName.toLowerCase()} về ${topic} ${year}`;
    const cited = `${r.int(1, 300)}-${r.pick(LOCAL_TYPES)}/${r.next() < 0.5 ? 'TU' : 'ĐU'}`;
    const body = [
      `${issuingBody.toUpperCase()}\n*\nSố ${number}\n${DOCUMENT_TYPES[type]?.toUpperCase() ?? ''}\n${title}`,
      `Thực hiện Kế hoạch số ${cited}, ngày ${r.int(1, 28)}/${r.int(1, 12)}/${year - 1} về ${r.pick(TOPICS)},`,
      ...Array.from({ length: r.int(6, 14) }, () => r.pick(SENTENCES)),
    ].join('\n');
    yield finish({
      key: null,
      dangUy,
      number,
      type,
      issuer,
      issuingBody,
      issuedOn: `${year}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
      title,
      bodyText: body,
    });
  }
}

/** Mixed queries a member of the given đảng ủy might type: numbers in every form, and content words. */
export function mixedQueries(count: number, seed = 7): string[] {
  const r = prng(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const t = r.pick(LOCAL_TYPES);
    const n = r.int(1, 280);
    const words = r.pick(TOPICS).split(' ');
    const start = r.int(0, Math.max(0, words.length - 3));
    const forms = [
      `${n}-${t}/ĐU`,
      `${n} ${t.toLowerCase()} du`,
      `${(DOCUMENT_TYPES[t] ?? '').toLowerCase()} ${n}`,
      words.slice(start, start + r.int(2, 4)).join(' '),
      fold(words.slice(start, start + 3).join(' ')),
      `${n}-${t}/TU`,
    ];
    out.push(r.pick(forms));
  }
  return out;
}
