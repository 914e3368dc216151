import { z } from 'zod';

export const configOut = z.object({
  enabled: z.boolean().describe('Máy chủ đã cấu hình đăng nhập qua hệ thống định danh (OIDC)'),
  label: z.string().nullable().describe('Tên hệ thống định danh trên nút đăng nhập, ví dụ "VNeID"'),
});

const param = z.string().max(4096).optional();

/** The provider's redirect (RFC 6749 §4.1.2, RFC 9207 `iss`); every check is made by openid-client. */
export const callbackQuery = z.object({
  code: param,
  state: param,
  iss: param,
  session_state: param,
  error: param,
  error_description: param,
  error_uri: param,
});

export const redirect = z.null().describe('Chuyển hướng (xem tiêu đề Location)');
