import { ROLES } from '@sotay/core';
import { z } from 'zod';
import { uuid } from '../../http/schemas.ts';
import { memberOut } from '../members/schemas.ts';

export const loginBody = z.object({
  username: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .describe('Tên đăng nhập, số điện thoại, số thẻ đảng viên hoặc số CCCD'),
  password: z.string().min(1).max(1024),
  totp: z.string().trim().max(10).optional(),
});

export const loginOut = z.object({
  user: z.object({ id: uuid, username: z.string(), mustChangePassword: z.boolean() }),
  csrfToken: z.string(),
});

export const forgotPasswordBody = z.object({
  username: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .describe('Số điện thoại, số thẻ đảng viên hoặc số CCCD dùng để đăng nhập'),
});
export const forgotPasswordOut = z.object({ message: z.string() });
export const forgotPasswordConfigOut = z.object({
  enabled: z.boolean().describe('Quên mật khẩu có thể nhận mã qua thư điện tử'),
});

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(1).max(1024),
});

export const totpEnrollOut = z.object({ secret: z.string(), otpauthUrl: z.string() });
export const totpConfirmBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'Mã gồm 6 chữ số'),
});

export const meOut = z.object({
  user: z.object({
    id: uuid,
    username: z.string(),
    mustChangePassword: z.boolean(),
    totpEnabled: z.boolean(),
    state: z.string(),
  }),
  member: memberOut.nullable(),
  roles: z.array(z.object({ role: z.enum(ROLES), orgId: uuid, orgName: z.string() })),
  csrfToken: z.string(),
});
