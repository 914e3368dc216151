const HEADERS = [
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
const EXAMPLE = [
  'Nguyễn Văn An',
  '12/05/1958',
  'Nam',
  '12345678',
  '001058000123',
  '0912 345 678',
  '03/02/1985',
  '03/02/1986',
  'Chi bộ thôn …',
  'Chính thức',
];

/** A CSV with the expected headers and one example row (UTF-8 with BOM, so Excel shows the marks). */
export function templateUrl(): string {
  const line = (cells: string[]) => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(',');
  const csv = `\uFEFF${line(HEADERS)}\r\n${line(EXAMPLE)}\r\n`;
  return URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
}
