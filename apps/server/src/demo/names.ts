/** Name parts for the fictional demo commune: Kinh names and those of the upland peoples (Tày, Nùng, Dao, Mông, Thái). */
export const PEOPLES = [
  {
    ethnicity: 'Kinh',
    share: 0.45,
    sur: ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô', 'Dương', 'Lý', 'Đinh', 'Trịnh'],
    midM: ['Văn', 'Đức', 'Quang', 'Minh', 'Hữu', 'Xuân', 'Công', 'Thanh'],
    midF: ['Thị', 'Thị', 'Thu', 'Thanh', 'Ngọc'],
    givM: ['Hùng', 'Dũng', 'Thắng', 'Bình', 'Cường', 'Hải', 'Long', 'Sơn', 'Tuấn', 'Khánh', 'Hòa', 'Nghĩa', 'Tâm', 'Lợi', 'Phúc', 'Thịnh'],
    givF: ['Hà', 'Lan', 'Hương', 'Mai', 'Hạnh', 'Nga', 'Thảo', 'Hoa', 'Huệ', 'Yến', 'Dung', 'Nhung', 'Thủy', 'Liên'],
  },
  {
    ethnicity: 'Tày',
    share: 0.2,
    sur: ['Hoàng', 'Nông', 'Lục', 'Hà', 'Ma', 'Lương', 'Đàm', 'La'],
    midM: ['Văn', 'Đức', 'Tiến'],
    midF: ['Thị'],
    givM: ['Pảo', 'Slấn', 'Khìn', 'Nhì', 'Sáng', 'Pình', 'Quyết', 'Thào', 'Chung', 'Dìn'],
    givF: ['Mìn', 'Slao', 'Nhất', 'Dìn', 'Pịa', 'Nhàn', 'Ỏn'],
  },
  {
    ethnicity: 'Nùng',
    share: 0.1,
    sur: ['Nông', 'Lăng', 'Chu', 'Mông', 'Lý', 'Hoàng'],
    midM: ['Văn', 'A'],
    midF: ['Thị'],
    givM: ['Pẻn', 'Sính', 'Phủ', 'Cắm', 'Slình', 'Lìn'],
    givF: ['Sáu', 'Phắn', 'Dìn', 'Mấy'],
  },
  {
    ethnicity: 'Dao',
    share: 0.12,
    sur: ['Bàn', 'Đặng', 'Triệu', 'Lý', 'Chảo', 'Phàn', 'Tẩn'],
    midM: ['Văn', 'Tiến', 'Phúc', 'Láo', 'Chòi'],
    midF: ['Thị', 'Mùi'],
    givM: ['Quầy', 'Kiềm', 'Siểu', 'Vần', 'Sinh', 'Chàn', 'Lở', 'Tả', 'Ú'],
    givF: ['Chạn', 'Mấy', 'Dếnh', 'Mẩy', 'Xuân', 'Lai'],
  },
  {
    ethnicity: 'Mông',
    share: 0.13,
    sur: ['Vừ', 'Thào', 'Sùng', 'Giàng', 'Hờ', 'Lầu', 'Mua', 'Vàng', 'Ly'],
    midM: ['A', 'Seo', 'Mí', 'Chứ'],
    midF: ['Thị', 'Thị'],
    givM: ['Dế', 'Chá', 'Súa', 'Lồng', 'Pào', 'Sảo', 'Phàng', 'Chính', 'Tủa', 'Dơ'],
    givF: ['Mai', 'Dợ', 'Sua', 'Mỷ', 'Sy', 'Pà', 'Mỉ'],
  },
] as const;

export const CHI_BO_NAMES = [
  'Chi bộ thôn Nà Lằng', 'Chi bộ thôn Bản Chang', 'Chi bộ thôn Khuổi Khon', 'Chi bộ thôn Pác Nặm',
  'Chi bộ bản Sín Chải', 'Chi bộ bản Sin Chải', 'Chi bộ bản Lùng Vài', 'Chi bộ bản Tả Phìn',
  'Chi bộ thôn Đồng Tiến', 'Chi bộ thôn Tân Lập', 'Chi bộ thôn Hợp Thành', 'Chi bộ thôn Nặm Đăm',
  'Chi bộ thôn Phiêng Luông', 'Chi bộ bản Mồ Sỉ San', 'Chi bộ Trường Tiểu học và THCS xã',
  'Chi bộ Trường Mầm non xã', 'Chi bộ Trạm Y tế xã', 'Chi bộ Công an xã', 'Chi bộ Quân sự xã',
  'Chi bộ Cơ quan Đảng – Mặt trận – Đoàn thể',
];

export const HOMETOWNS = ['Lào Cai', 'Hà Giang', 'Cao Bằng', 'Lạng Sơn', 'Yên Bái', 'Tuyên Quang', 'Nam Định', 'Thái Bình', 'Phú Thọ'];
export const EDUCATION = ['Trung học cơ sở', 'Trung học phổ thông', 'Trung cấp', 'Cao đẳng', 'Đại học', 'Tiểu học'];
