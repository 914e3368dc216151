import type { BankQuestion } from '../modules/study/quiz.ts';

/** What the demo's study topic says: pure data, shared by the seed and the browser tests. */
type Question = Omit<BankQuestion, 'id'>;
const opt = (...texts: string[]) => texts.map((text, i) => ({ id: `o${i + 1}`, text }));

export const DEMO_STUDY_TITLE =
  'Học tập Nghị quyết số 26-NQ/TU về chuyển đổi số trong công tác xây dựng Đảng';

/** The demo topic's question bank (option ids are the demo's own; the e2e test answers from it). */
export const DEMO_STUDY_QUESTIONS: Question[] = [
  {
    kind: 'single',
    prompt: 'Nghị quyết số 26-NQ/TU về chuyển đổi số trong công tác xây dựng Đảng do cơ quan nào ban hành?',
    options: opt(
      'Ban Chấp hành Đảng bộ tỉnh (Tỉnh ủy)',
      'Hội đồng nhân dân tỉnh',
      'Ủy ban nhân dân tỉnh',
      'Ban Thường vụ Đảng ủy xã',
    ),
    correct: ['o1'],
    explanation: 'Ký hiệu "NQ/TU" cho biết đây là nghị quyết của Tỉnh ủy.',
  },
  {
    kind: 'multiple',
    prompt: 'Chuyển đổi số trong công tác xây dựng Đảng ở cơ sở gồm những việc nào?',
    options: opt(
      'Số hóa hồ sơ đảng viên và văn bản của Đảng',
      'Học tập nghị quyết, chuyên đề trên nền tảng số',
      'Đảng viên nhận văn bản, thông báo qua Sổ tay đảng viên điện tử',
      'Bỏ hẳn sinh hoạt chi bộ trực tiếp',
    ),
    correct: ['o1', 'o2', 'o3'],
    explanation: 'Nền tảng số hỗ trợ chứ không thay thế sinh hoạt chi bộ trực tiếp.',
  },
  {
    kind: 'single',
    prompt: 'Mỗi đảng viên cần làm gì để cùng chi bộ thực hiện chuyển đổi số?',
    options: opt(
      'Cài đặt và sử dụng thành thạo ứng dụng Sổ tay đảng viên điện tử',
      'Chờ chi ủy làm thay mọi việc',
      'Chỉ dùng điện thoại để nghe, gọi',
    ),
    correct: ['o1'],
    explanation:
      'Nghị quyết đặt mục tiêu mọi đảng viên đủ điều kiện đều sử dụng thành thạo Sổ tay đảng viên điện tử.',
  },
  {
    kind: 'multiple',
    prompt: 'Những việc nào giúp giữ an toàn thông tin khi dùng ứng dụng?',
    options: opt(
      'Không cho người khác biết mật khẩu',
      'Đăng xuất khi dùng máy dùng chung',
      'Chụp màn hình văn bản nội bộ gửi lên mạng xã hội',
      'Báo ngay cho chi ủy khi mất điện thoại',
    ),
    correct: ['o1', 'o2', 'o4'],
    explanation: 'Văn bản nội bộ của Đảng không được đưa lên mạng xã hội.',
  },
  {
    kind: 'single',
    prompt: 'Tài khoản định danh điện tử mức 2 (VNeID) giúp đảng viên điều gì?',
    options: opt(
      'Xác thực danh tính để dùng các dịch vụ số của Đảng và Nhà nước',
      'Thay cho thẻ đảng viên',
      'Không có tác dụng gì',
    ),
    correct: ['o1'],
    explanation: null,
  },
];

export const DEMO_ESSAYS = [
  'Qua học tập Nghị quyết số 26-NQ/TU, bản thân tôi nhận thức rõ chuyển đổi số là nhiệm vụ của mỗi đảng viên chứ không riêng của cấp ủy. Tôi đã cài đặt Sổ tay đảng viên điện tử, thường xuyên đọc văn bản trên ứng dụng và sẽ hướng dẫn các đồng chí cao tuổi trong chi bộ cùng sử dụng.',
  'Tôi cam kết đọc văn bản, nhận thông báo và tham gia học tập chuyên đề trên ứng dụng; giữ bí mật mật khẩu, không chia sẻ văn bản nội bộ lên mạng xã hội. Đề nghị chi bộ tổ chức thêm buổi hướng dẫn tại nhà văn hóa thôn cho đảng viên chưa có điện thoại thông minh.',
  'Liên hệ bản thân: trước đây tôi còn ngại dùng điện thoại để học tập. Sau khi được tổ công tác hướng dẫn, tôi đã làm bài kiểm tra trên ứng dụng và thấy thuận tiện. Tôi sẽ cùng gia đình kích hoạt tài khoản định danh điện tử mức 2.',
];
