// Errors the core throws on purpose, carrying the HTTP status the API answers with, so a check
// made deep in the core (not only in a route) still reaches the user as 401/403 with a sentence.
// Messages are zh-CN first, English after, as the renderer shows them verbatim.

export class HttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 429 | 500 | 503,
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends HttpError {
  constructor(message: string, code = 'bad_request') {
    super(400, message, code);
  }
}

export class UnauthorizedError extends HttpError {
  constructor(message = '请先登录，或登录已过期。 (Please sign in.)', code = 'unauthorized') {
    super(401, message, code);
  }
}

export class ForbiddenError extends HttpError {
  constructor(message = '您没有执行此操作的权限。 (Not permitted.)', code = 'forbidden') {
    super(403, message, code);
  }
}

export class NotFoundError extends HttpError {
  constructor(message = '找不到请求的内容。 (Not found.)', code = 'not_found') {
    super(404, message, code);
  }
}
