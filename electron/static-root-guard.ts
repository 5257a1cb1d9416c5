// Web mode serves the built renderer from one folder. A link inside that folder (a symlink, or
// a junction on Windows) to somewhere else would otherwise hand out whatever it points at: the
// file server follows links. Each request's file is resolved to its real path first and refused
// unless that lies inside the folder's own real path.
import type { MiddlewareHandler } from 'hono';
import fs from 'node:fs';
import path from 'node:path';

function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export type Resolved = { kind: 'file'; real: string } | { kind: 'missing' } | { kind: 'outside' };

export class StaticRoot {
  readonly root: string;
  private readonly realRoot: string;

  constructor(root: string) {
    this.root = path.resolve(root);
    this.realRoot = fs.realpathSync(this.root);
  }

  /** What a path under the root (a folder meaning its index.html) really is, links followed. */
  async resolve(relative: string): Promise<Resolved> {
    let target = path.join(this.root, relative);
    if (!isInside(this.root, target)) return { kind: 'outside' };
    try {
      if ((await fs.promises.stat(target)).isDirectory()) target = path.join(target, 'index.html');
      const real = await fs.promises.realpath(target);
      return isInside(this.realRoot, real) ? { kind: 'file', real } : { kind: 'outside' };
    } catch {
      return { kind: 'missing' };
    }
  }

  /**
   * Refuses (403) a GET whose file resolves outside the root; lets the rest through to the file
   * server. A path with a percent sign never reaches a file there (it refuses them), so the
   * path is taken as written.
   */
  guard(): MiddlewareHandler {
    return async (c, next) => {
      if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
      if ((await this.resolve(c.req.path)).kind === 'outside') return c.text('Forbidden', 403);
      return next();
    };
  }
}
