// Settings that are rules of the product, read by the screens instead of written into them.
import { indicatorSettings, saveIndicatorSettings } from '../settings/indicators.js';
import { jsonBody } from './errors.js';
import { z } from 'zod';
import type { Router } from './route.js';

const AnyJson = z.unknown();

export function settingsRoutes(r: Router): void {
  const { db } = r.rt;
  // every signed-in reader of figures needs the thresholds they are judged by
  r.route('get', '/api/settings/indicators', 'data:read', (c) => c.json(indicatorSettings(db)));
  r.route('put', '/api/settings/indicators', 'settings:write', async (c, user) => {
    const body = await jsonBody(c, AnyJson);
    return c.json(saveIndicatorSettings(db, body, user.username));
  });
}
