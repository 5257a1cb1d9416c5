// Straight-line distance on the sphere (issue 11: haversine unless a road network is configured).
// Our own few lines rather than @turf/distance (which the unit test uses as the independent check):
// the route optimiser calls it n² times and needs metres, not turf's Feature/units plumbing.

/** Mean earth radius in metres (IUGG), the radius @turf/distance uses too. */
export const EARTH_RADIUS_M = 6371008.8;

const RAD = Math.PI / 180;

/** Great-circle metres between two [lng, lat] points in degrees (WGS-84 treated as a sphere). */
export function haversineM(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLng = (lng2 - lng1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLng / 2) ** 2;
  // min(1, …): rounding can push a for antipodal points a hair above 1
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(Math.min(1, a)));
}
