import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableRow,
  TextRun,
  UnderlineType,
  WidthType,
} from 'docx';

/**
 * Building blocks of a Party document in the administrative layout (Hướng dẫn 36-HD/VPTW): A4,
 * Times New Roman 14 pt, margins 20 mm top/bottom, 30 mm left, 15 mm right; the header with the
 * superior body, the issuing body and "*" on the left and "ĐẢNG CỘNG SẢN VIỆT NAM" on the right;
 * the place-and-date line; the type name and trích yếu centred; the signature blocks.
 */
const MM = 56.7; // twips per millimetre
const SIZE = 28; // half-points: 14 pt
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = {
  top: NONE,
  bottom: NONE,
  left: NONE,
  right: NONE,
  insideHorizontal: NONE,
  insideVertical: NONE,
};

export interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
  size?: number;
}

export const run = (text: string, s: RunStyle = {}) =>
  new TextRun({
    text,
    bold: s.bold,
    italics: s.italics,
    size: s.size ?? SIZE,
    underline: s.underline ? { type: UnderlineType.SINGLE } : undefined,
  });

export function para(
  children: ParagraphChild[] | string,
  opts: {
    align?: 'center' | 'right' | 'left' | 'justify';
    indent?: boolean;
    after?: number;
    before?: number;
  } = {},
) {
  const align = {
    center: AlignmentType.CENTER,
    right: AlignmentType.RIGHT,
    left: AlignmentType.LEFT,
    justify: AlignmentType.JUSTIFIED,
  }[opts.align ?? 'justify'];
  return new Paragraph({
    children: typeof children === 'string' ? [run(children)] : children,
    alignment: align,
    indent: opts.indent ? { firstLine: 10 * MM } : undefined,
    spacing: { after: opts.after ?? 60, before: opts.before ?? 0, line: 300 },
  });
}

const cell = (children: Paragraph[], widthPct: number) =>
  new TableCell({ children, width: { size: widthPct, type: WidthType.PERCENTAGE }, borders: NO_BORDERS });

const twoColumns = (left: Paragraph[], right: Paragraph[], leftPct = 45) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell(left, leftPct), cell(right, 100 - leftPct)] })],
  });

const VN_DATE = (d: Date) => {
  // dates in Asia/Ho_Chi_Minh; a leading zero below 10 for days and below 3 for months
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
  }).formatToParts(d);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const [day, month, year] = [get('day'), get('month'), get('year')];
  return `ngày ${String(day).padStart(2, '0')} tháng ${month < 3 ? String(month).padStart(2, '0') : month} năm ${year}`;
};

export interface Header {
  /** The superior body (e.g. "ĐẢNG BỘ XÃ SÌ LỖ LẦU"), upper case. */
  superior: string;
  /** The issuing body (e.g. "CHI BỘ THÔN NÀ LẰNG"), upper case, bold. */
  issuer: string;
  /** "Số 05-BB/CB", when numbered. */
  number?: string | null;
  place: string;
  date: Date;
}

export function header(h: Header): (Paragraph | Table)[] {
  return [
    twoColumns(
      [
        para([run(h.superior.toUpperCase())], { align: 'center', after: 0 }),
        para([run(h.issuer.toUpperCase(), { bold: true })], { align: 'center', after: 0 }),
        para([run('*')], { align: 'center', after: 0 }),
        ...(h.number ? [para([run(h.number)], { align: 'center', after: 0 })] : []),
      ],
      [
        para([run('ĐẢNG CỘNG SẢN VIỆT NAM', { bold: true, underline: true })], {
          align: 'center',
          after: 120,
        }),
        para([run(`${h.place}, ${VN_DATE(h.date)}`, { italics: true })], { align: 'center', after: 0 }),
      ],
    ),
    para('', { after: 120 }),
  ];
}

export function titleBlock(typeName: string, summary: string): Paragraph[] {
  return [
    para([run(typeName.toUpperCase(), { bold: true, size: 30 })], { align: 'center', after: 0 }),
    para([run(summary, { bold: true })], { align: 'center', after: 0 }),
    para([run('-----')], { align: 'center', after: 200 }),
  ];
}

export interface Signature {
  /** "T/M CHI BỘ" or null */
  onBehalf?: string | null;
  title: string;
  name: string | null;
}

const signatureParas = (s: Signature, pad: boolean) => [
  ...(s.onBehalf || pad
    ? [para([run((s.onBehalf ?? '').toUpperCase(), { bold: true })], { align: 'center', after: 0 })]
    : []),
  para([run(s.title.toUpperCase(), { bold: true })], { align: 'center', after: 1100 }),
  para([run(s.name ?? '', { bold: true })], { align: 'center', after: 0 }),
];

export function signatures(left: Signature, right: Signature) {
  // the names line up: a block without "T/M …" gets an empty first line
  const pad = !!left.onBehalf || !!right.onBehalf;
  return [para('', { after: 200 }), twoColumns(signatureParas(left, pad), signatureParas(right, pad), 50)];
}

export async function partyDocument(children: (Paragraph | Table)[]): Promise<Buffer> {
  const doc = new Document({
    styles: { default: { document: { run: { font: 'Times New Roman', size: SIZE } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 210 * MM, height: 297 * MM },
            margin: { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const LINES = {
  top: LINE,
  bottom: LINE,
  left: LINE,
  right: LINE,
  insideHorizontal: LINE,
  insideVertical: LINE,
};

/** A ruled table (figures per unit): bold centred header, numbers centred, 12 pt. */
export function dataTable(headers: string[], rows: (string | number)[][], widthsPct: number[]) {
  const row = (cells: (string | number)[], head: boolean) =>
    new TableRow({
      tableHeader: head,
      children: cells.map(
        (c, i) =>
          new TableCell({
            width: { size: widthsPct[i] ?? 10, type: WidthType.PERCENTAGE },
            borders: LINES,
            children: [
              para([run(String(c), { bold: head, size: 24 })], {
                align:
                  head || typeof c === 'number' || i === 0 || /^[\d,.]+%$/.test(String(c))
                    ? 'center'
                    : 'left',
                after: 0,
              }),
            ],
          }),
      ),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: LINES,
    rows: [row(headers, true), ...rows.map((r) => row(r, false))],
  });
}

/** "Nơi nhận:" (bold italic, underlined) and its dash list, bottom left, 12 pt. */
export function recipients(lines: string[]): Paragraph[] {
  return [
    para([run('Nơi nhận:', { bold: true, italics: true, underline: true, size: 24 })], {
      align: 'left',
      after: 0,
      before: 240,
    }),
    ...lines.map((l) => para([run(`- ${l}`, { size: 22 })], { align: 'left', after: 0 })),
  ];
}
