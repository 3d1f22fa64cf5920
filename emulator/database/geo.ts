/**
 * A small geometry helper for the geo queries CloudBase offers (geoNear, geoWithin) and the $geoNear stage, on
 * GeoJSON as the SDK sends it ({ type: 'Point', coordinates: [longitude, latitude] }, LineString, Polygon and their
 * Multi forms), with MongoDB's spherical model:
 *   - distances are great-circle distances in metres on a sphere of radius 6378.1 km (MongoDB's radius);
 *   - a polygon contains a point when the point lies inside its outer ring and outside its holes; edges are taken
 *     as straight lines in longitude/latitude (MongoDB follows geodesics: the same for the small areas of a town);
 *   - a stored line or polygon is within a region when all its vertices are, and its distance to a point is that of
 *     its nearest vertex (MongoDB measures to the nearest point of its edges).
 */
import { invalidParam } from './errors';
import { isPlainObject } from './ejson';

export const EARTH_RADIUS_M = 6378100;

/** [longitude, latitude] in degrees. */
export type Position = [number, number];

function isPosition(v: unknown): v is Position {
  return Array.isArray(v) && v.length >= 2 && typeof v[0] === 'number' && typeof v[1] === 'number' && Math.abs(v[0]) <= 180 && Math.abs(v[1]) <= 90;
}

/** Every position of a GeoJSON geometry, or undefined when `value` is not one. */
export function positionsOf(value: unknown): Position[] | undefined {
  if (!isPlainObject(value) || typeof value.type !== 'string' || !Array.isArray(value.coordinates)) return undefined;
  const depth = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 }[value.type];
  if (depth === undefined) return undefined;
  let level: unknown[] = [value.coordinates];
  for (let i = 0; i < depth; i++) level = level.flatMap((v) => (Array.isArray(v) ? v : [undefined]));
  return level.every(isPosition) && level.length > 0 ? (level as Position[]) : undefined;
}

/** The position of a GeoJSON Point. */
export function pointOf(value: unknown, what: string): Position {
  const positions = isPlainObject(value) && value.type === 'Point' ? positionsOf(value) : undefined;
  if (!positions) throw invalidParam(`${what} 必须是 GeoJSON 点 { type: 'Point', coordinates: [经度, 纬度] } (${what} must be a GeoJSON Point)`);
  return positions[0];
}

const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export function distanceM(a: Position, b: Position): number {
  const dLat = rad(b[1] - a[1]);
  const dLng = rad(b[0] - a[0]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Distance from `center` to the nearest position of a stored geometry; undefined when the value is not geometry. */
export function distanceTo(center: Position, value: unknown): number | undefined {
  const positions = positionsOf(value);
  return positions ? Math.min(...positions.map((p) => distanceM(center, p))) : undefined;
}

/** Even-odd rule on one ring. */
function inRing(p: Position, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** A region of $geoWithin: the test of one position. */
export type Region = (p: Position) => boolean;

/** The region of a $geoWithin argument: { $geometry: Polygon | MultiPolygon } or { $centerSphere: [[lng, lat], radians] }. */
export function regionOf(arg: unknown): Region {
  if (isPlainObject(arg) && '$geometry' in arg) {
    const geometry = arg.$geometry;
    const polygons =
      isPlainObject(geometry) && geometry.type === 'Polygon' && positionsOf(geometry)
        ? [geometry.coordinates as Position[][]]
        : isPlainObject(geometry) && geometry.type === 'MultiPolygon' && positionsOf(geometry)
          ? (geometry.coordinates as Position[][][])
          : undefined;
    if (!polygons) throw invalidParam('$geoWithin 的 $geometry 必须是 GeoJSON Polygon 或 MultiPolygon ($geoWithin needs a Polygon or MultiPolygon)');
    return (p) => polygons.some(([outer, ...holes]) => inRing(p, outer) && !holes.some((h) => inRing(p, h)));
  }
  if (isPlainObject(arg) && '$centerSphere' in arg) {
    const spec = arg.$centerSphere;
    if (!Array.isArray(spec) || !isPosition(spec[0]) || typeof spec[1] !== 'number' || spec[1] < 0) {
      throw invalidParam('$centerSphere 需要 [[经度, 纬度], 弧度半径] ($centerSphere needs [[lng, lat], radius in radians])');
    }
    const center = spec[0];
    const radiusM = spec[1] * EARTH_RADIUS_M;
    return (p) => distanceM(center, p) <= radiusM;
  }
  throw invalidParam('$geoWithin 需要 $geometry 或 $centerSphere (the emulator supports $geometry and $centerSphere)');
}

/** True when every position of the stored geometry lies in the region. */
export function within(region: Region, value: unknown): boolean {
  const positions = positionsOf(value);
  return !!positions && positions.every(region);
}

export interface Near {
  center: Position;
  minM: number;
  maxM: number;
}

/** The argument of $near / $nearSphere: { $geometry: Point, $minDistance?, $maxDistance? } in metres. */
export function nearOf(arg: unknown, op: string): Near {
  if (!isPlainObject(arg) || !('$geometry' in arg)) {
    throw invalidParam(`${op} 需要 { $geometry: GeoJSON 点 }（模拟器不支持旧式坐标对）(${op} needs a GeoJSON $geometry; legacy pairs are not emulated)`);
  }
  const bound = (v: unknown, name: string, fallback: number) => {
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'number' || !(v >= 0)) throw invalidParam(`${op} 的 ${name} 必须是非负数 (${name} must be a non-negative number)`);
    return v;
  };
  return {
    center: pointOf(arg.$geometry, `${op} 的 $geometry`),
    minM: bound(arg.$minDistance, '$minDistance', 0),
    maxM: bound(arg.$maxDistance, '$maxDistance', Infinity),
  };
}
