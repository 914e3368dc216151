import { z } from 'zod';

/** Shapes every module shares (DESIGN §4: UUID ids, YYYY-MM-DD dates, paged lists, one error shape). */
export const uuid = z.uuid();
export const isoDate = z.iso.date();
export const idParams = z.object({ id: uuid });

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
};

export const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export const errorResponses = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
  422: errorBody,
  429: errorBody,
};

export const noContent = z.null().describe('Không có nội dung');
