import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError } from './errors.ts';

const FIELD_NAMES_VI: Record<string, string> = {
  body: 'nội dung',
  querystring: 'tham số',
  params: 'đường dẫn',
  headers: 'tiêu đề',
};

/** Vietnamese messages for the framework's own 4xx errors (bad JSON, too large, wrong type…). */
function frameworkMessage(err: FastifyError): { code: string; message: string } {
  const status = err.statusCode ?? 500;
  if (status === 413 || err.code === 'FST_REQ_FILE_TOO_LARGE' || err.code === 'FST_FILES_LIMIT') {
    return { code: 'payload_too_large', message: 'Dữ liệu gửi lên quá lớn.' };
  }
  if (status === 415) {
    return { code: 'unsupported_media_type', message: 'Kiểu dữ liệu gửi lên không được hỗ trợ.' };
  }
  if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return { code: 'invalid_json', message: 'Nội dung JSON trống.' };
  }
  if (err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return { code: 'invalid_json', message: 'Nội dung JSON không hợp lệ.' };
  }
  if (err.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
    return { code: 'invalid_request', message: 'Cần gửi dạng multipart/form-data kèm tệp.' };
  }
  return { code: 'invalid_request', message: 'Yêu cầu không hợp lệ.' };
}

/** The one error handler: every error leaves as `{error:{code,message}}`, never with a stack trace. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      if (err.headers) reply.headers(err.headers);
      return reply.status(err.status).send({ ...err.body, error: { code: err.code, message: err.message } });
    }
    if (err.validation) {
      const where = FIELD_NAMES_VI[err.validationContext ?? 'body'] ?? 'dữ liệu';
      const details = err.validation
        .slice(0, 5)
        .map((v) => {
          const field = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
          return field ? `${field}: ${v.message}` : (v.message ?? '');
        })
        .join('; ');
      return reply
        .status(400)
        .send({ error: { code: 'invalid_request', message: `Dữ liệu ${where} không hợp lệ — ${details}` } });
    }
    // A unique index refused a write that raced past the service's own duplicate check.
    const pgCode = (err as { code?: string }).code ?? (err.cause as { code?: string } | undefined)?.code;
    if (pgCode === '23505') {
      return reply.status(409).send({
        error: {
          code: 'conflict',
          message: 'Dữ liệu trùng với một bản ghi đã có (vừa được tạo cùng lúc). Hãy tải lại và thử lại.',
        },
      });
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.status(status).send({ error: frameworkMessage(err) });
    }
    req.log.error({ err }, 'unhandled error');
    return reply
      .status(500)
      .send({ error: { code: 'internal_error', message: 'Lỗi máy chủ. Vui lòng thử lại sau.' } });
  });

  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send({
      error: { code: 'not_found', message: `Không có đường dẫn ${req.method} ${req.url.split('?')[0]}.` },
    });
  });
}
