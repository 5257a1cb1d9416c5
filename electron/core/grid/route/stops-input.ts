// A stop list given by hand (the route command's --stops FILE.json, the API's `stops`): a list of
// {"id","lng","lat"} in WGS-84. Every refusal names where it came from and the entry.
import { UserInputError } from '../../errors.js';

export interface GivenStop {
  id: string;
  lng: number;
  lat: number;
}

/** More stops than this is no day's walk, and 2-opt over them stops being instant. */
export const MAX_ROUTE_STOPS = 200;

/** Checks a parsed list; `source` names the file (or 'stops' for a request body) in messages. */
export function readGivenStops(value: unknown, source: string): GivenStop[] {
  if (!Array.isArray(value)) throw new UserInputError(`${source}：应为 [{"id","lng","lat"}, …] 的列表 (expected a JSON list of {"id","lng","lat"})`, 'bad_stops');
  if (value.length > MAX_ROUTE_STOPS) throw new UserInputError(`${source}：共 ${value.length} 个站点，最多 ${MAX_ROUTE_STOPS} 个 (at most ${MAX_ROUTE_STOPS} stops)`, 'bad_stops');
  const seen = new Set<string>();
  return value.map((e, i) => {
    const where = `${source} 第 ${i + 1} 项 (entry ${i + 1})`;
    if (typeof e !== 'object' || e === null || Array.isArray(e)) throw new UserInputError(`${where}：应为 {"id","lng","lat"} (expected an object)`, 'bad_stops');
    const { id, lng, lat } = e as Record<string, unknown>;
    if (typeof id !== 'string' || id.trim() === '') throw new UserInputError(`${where}：缺少 id (missing "id")`, 'bad_stops');
    if (typeof lng !== 'number' || !Number.isFinite(lng) || lng < -180 || lng > 180) throw new UserInputError(`${where}（${id}）：lng 应为 -180 到 180 的数 (bad "lng")`, 'bad_stops');
    if (typeof lat !== 'number' || !Number.isFinite(lat) || lat < -90 || lat > 90) throw new UserInputError(`${where}（${id}）：lat 应为 -90 到 90 的数 (bad "lat")`, 'bad_stops');
    if (seen.has(id)) throw new UserInputError(`${where}：id ${id} 重复 (duplicate id)`, 'bad_stops');
    seen.add(id);
    return { id, lng, lat };
  });
}
