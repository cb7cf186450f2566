import type { z } from 'zod';
import { API_ERROR_STATUS, type ApiError, type ApiErrorCode } from '../../shared/api/errors';

type Issues = NonNullable<ApiError['error']['issues']>;

/** Thrown anywhere in a handler or hook; the error handler turns it into the documented body. */
export class ApiHttpError extends Error {
  readonly status: number;
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly extra: { issues?: Issues; paymentId?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.status = API_ERROR_STATUS[code];
  }

  body(): ApiError {
    const { issues, paymentId } = this.extra;
    return { error: { code: this.code, message: this.message, ...(issues ? { issues } : {}), ...(paymentId ? { paymentId } : {}) } };
  }
}

export function errorBody(code: ApiErrorCode, message: string): ApiError {
  return { error: { code, message } };
}

/** Parses with a zod schema or throws invalid_request naming where, never echoing the value. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 20).map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.').slice(0, 200),
    message: issue.message.slice(0, 200),
  }));
  throw new ApiHttpError('invalid_request', `The request ${where} is not valid.`, { issues });
}
