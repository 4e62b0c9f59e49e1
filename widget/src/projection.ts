// The map's projection, shared by the build (which projects the world's outlines once) and the
// browser (which projects the markers): spherical Mercator onto a square of WORLD_UNITS.

/** Width and height of the projected world; the build rounds outlines to whole units of it. */
export const WORLD_UNITS = 16_384;

/** Mercator runs to infinity at the poles; outlines and markers beyond this latitude are clamped. */
const MAX_LATITUDE = 85;

export type ProjectedPoint = readonly [x: number, y: number];

export function project(longitude: number, latitude: number): ProjectedPoint {
  const clamped = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, latitude));
  const phi = (clamped * Math.PI) / 180;
  const x = ((longitude + 180) / 360) * WORLD_UNITS;
  const y = WORLD_UNITS / 2 - (WORLD_UNITS / (2 * Math.PI)) * Math.log(Math.tan(Math.PI / 4 + phi / 2));
  return [x, y];
}
