import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import type { ApiError } from '../../../shared/api.js';
import { BadRequestError, HttpError } from '../auth/errors.js';
import { UserInputError } from '../errors.js';
import { isDay } from '../../../shared/dates.js';

/** Turns anything a route throws into the JSON error body of shared/api.ts. Errors the core threw
 *  on purpose carry their status; anything else is a bug and is answered with 500 without leaking
 *  its message (which may hold paths or SQL). */
export function errorResponse(err: unknown, c: Context): Response {
  if (err instanceof HttpError) return c.json<ApiError>({ error: err.message, code: err.code }, err.status);
  if (err instanceof UserInputError) return c.json<ApiError>({ error: err.message, code: err.code }, 400);
  if (err instanceof z.ZodError) {
    const detail = err.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
    return c.json<ApiError>({ error: `请求参数不正确：${detail} (invalid request)`, code: 'invalid_input' }, 400);
  }
  if (err instanceof HTTPException && err.status < 500) {
    return c.json<ApiError>({ error: `请求无法处理。 (${err.message})`, code: 'bad_request' }, err.status);
  }
  console.error('[api] unexpected error on', c.req.method, c.req.path, err);
  return c.json<ApiError>({ error: '服务器内部错误，请稍后重试或联系管理员。 (Internal error.)', code: 'internal' }, 500);
}

/** Validates with a zod schema; a failure becomes a 400 through errorResponse. */
export function parse<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  return schema.parse(data);
}

export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new BadRequestError('请求内容不是有效的 JSON。 (Body is not valid JSON.)', 'invalid_json');
  }
  return schema.parse(body);
}

export function queryOf<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  return schema.parse(c.req.query());
}

/** A real calendar day written YYYY-MM-DD (2024-02-30 is refused, not rolled over), by the one
 *  date module's rule (shared/dates.ts), so the API accepts exactly the days the core does. */
export const isoDate = z.string().refine(isDay, '日期须为 YYYY-MM-DD 格式的有效日期');
