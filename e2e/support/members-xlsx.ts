import ExcelJS from 'exceljs';

export const HEADERS = [
  'Họ và tên',
  'Ngày sinh',
  'Giới tính',
  'Số thẻ đảng viên',
  'Số CCCD',
  'Số điện thoại',
  'Ngày vào Đảng',
  'Ngày chính thức',
  'Chi bộ',
  'Trạng thái',
];

export interface NewMember {
  fullName: string;
  birthDate: string;
  gender: 'Nam' | 'Nữ';
  card: string;
  cccd: string;
  phone: string;
  joinedOn: string;
  officialOn: string;
  status: string;
}

/** Three members for one chi bộ; numbers are out of the demo data's ranges so they are always new. */
export function newMembers(
  seed: number,
  names: [string, string, string],
  genders: ['Nam' | 'Nữ', 'Nam' | 'Nữ', 'Nam' | 'Nữ'],
): NewMember[] {
  return names.map((fullName, i) => ({
    fullName,
    birthDate: `0${i + 3}/0${i + 4}/19${60 + i}`,
    gender: genders[i]!,
    card: `9${seed}${String(i).padStart(7, '0')}`,
    cccd: `0999${seed}${String(i).padStart(7, '0')}`,
    phone: `09${seed}${String(5000000 + i * 111)}`,
    joinedOn: `1${i}/0${i + 1}/199${i}`,
    officialOn: `1${i}/0${i + 1}/199${i + 1}`,
    status: 'Chính thức',
  }));
}

/** The first sheet laid out like a chi bộ's own list; `badBirthDate` replaces the 2nd member's birth date. */
export async function membersXlsx(chiBo: string, rows: NewMember[], badBirthDate?: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách');
  ws.addRow(HEADERS);
  rows.forEach((m, i) => {
    ws.addRow([
      m.fullName,
      i === 1 && badBirthDate ? badBirthDate : m.birthDate,
      m.gender,
      m.card,
      m.cccd,
      m.phone,
      m.joinedOn,
      m.officialOn,
      chiBo,
      m.status,
    ]);
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
