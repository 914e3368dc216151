/** An error the client caused or may see: always answered as `{error:{code,message}}` in Vietnamese. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const notFound = (message = 'Không tìm thấy.') => new AppError(404, 'not_found', message);
export const forbidden = (message = 'Bạn không có quyền thực hiện thao tác này.') =>
  new AppError(403, 'forbidden', message);
export const unprocessable = (code: string, message: string, body?: Record<string, unknown>) =>
  new AppError(422, code, message, body);
export const conflict = (code: string, message: string) => new AppError(409, code, message);
export const badRequest = (message: string, code = 'invalid_request') => new AppError(400, code, message);
