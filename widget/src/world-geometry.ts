// Turns world-atlas's Natural Earth outlines into the map's geometry module at build time: land and
// country borders as SVG path data, already projected and rounded, so the browser only draws them.
import { readFileSync } from "node:fs";
import type { MultiLineString, Position } from "geojson";
import { feature, mesh } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import { project } from "./projection";

/** The Natural Earth scale used: 1:50m keeps coasts and borders recognisable on a regional map. */
const ATLAS_FILE = "world-atlas/countries-50m.json";
/** Points closer than this (in world units) to the simplified line are dropped. */
const TOLERANCE = 1.5;

type Points = [number, number][];

export interface WorldGeometry {
  land: string;
  borders: string;
}

export function worldGeometry(): WorldGeometry {
  const topology = JSON.parse(readFileSync(require.resolve(ATLAS_FILE), "utf8")) as Topology<{
    countries: GeometryCollection;
    land: GeometryCollection;
  }>;
  const land = feature(topology, topology.objects.land);
  const rings = land.features.flatMap((item) => {
    const geometry = item.geometry;
    if (geometry.type === "Polygon") return geometry.coordinates;
    if (geometry.type === "MultiPolygon") return geometry.coordinates.flat();
    return [];
  });
  const borders: MultiLineString = mesh(topology, topology.objects.countries, (a, b) => a !== b);
  return { land: pathData(rings, true), borders: pathData(borders.coordinates, false) };
}

/** The ES module the widget imports lazily; the credit travels with the data as a legal comment. */
export function worldGeometryModule(): string {
  const { land, borders } = worldGeometry();
  return [
    "/*! Natural Earth (public domain), via world-atlas 2.0.2 (ISC licence, Mike Bostock) */",
    `export const LAND = ${JSON.stringify(land)};`,
    `export const BORDERS = ${JSON.stringify(borders)};`,
  ].join("\n");
}

function pathData(lines: Position[][], closed: boolean): string {
  return lines
    .map((line) => projectedLine(line))
    .filter((points) => points.length >= (closed ? 3 : 2))
    .map((points) => relativePath(points) + (closed ? "z" : ""))
    .join("");
}

/**
 * Longitudes are unwrapped where a line crosses the antimeridian (179° then -179°), so the line runs
 * on past the world's edge instead of striping back across the whole map.
 */
function projectedLine(line: Position[]): Points {
  let previous: number | undefined;
  const projected = line.map(([longitude, latitude]): [number, number] => {
    let unwrapped = longitude;
    if (previous !== undefined) {
      while (unwrapped - previous > 180) unwrapped -= 360;
      while (previous - unwrapped > 180) unwrapped += 360;
    }
    previous = unwrapped;
    return [...project(unwrapped, latitude)];
  });
  const rounded = simplify(projected, TOLERANCE).map(([x, y]): [number, number] => [
    Math.round(x),
    Math.round(y),
  ]);
  return rounded.filter((point, index) => index === 0 || !samePoint(point, rounded[index - 1]));
}

function samePoint(a: [number, number], b: [number, number]): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** Douglas–Peucker, iterative: coastlines have thousands of points. */
function simplify(points: Points, tolerance: number): Points {
  if (points.length < 3) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const spans: [number, number][] = [[0, points.length - 1]];
  for (let span = spans.pop(); span; span = spans.pop()) {
    const [first, last] = span;
    let farthest = -1;
    let distance = tolerance;
    for (let index = first + 1; index < last; index++) {
      const candidate = distanceToSegment(points[index], points[first], points[last]);
      if (candidate > distance) {
        distance = candidate;
        farthest = index;
      }
    }
    if (farthest < 0) continue;
    keep[farthest] = 1;
    spans.push([first, farthest], [farthest, last]);
  }
  return points.filter((_, index) => keep[index] === 1);
}

function distanceToSegment(
  [x, y]: [number, number],
  [x1, y1]: [number, number],
  [x2, y2]: [number, number],
): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const length = Math.hypot(dx, dy);
  if (length === 0) return Math.hypot(x - x1, y - y1);
  return Math.abs(dy * x - dx * y + x2 * y1 - y2 * x1) / length;
}

/** "M x y l dx dy dx dy…": relative moves of small integers are the shortest path text. */
function relativePath(points: Points): string {
  const [[startX, startY]] = points;
  let text = `M${startX} ${startY}l`;
  for (let index = 1; index < points.length; index++) {
    const dx = points[index][0] - points[index - 1][0];
    const dy = points[index][1] - points[index - 1][1];
    text += `${index === 1 || dx < 0 ? "" : " "}${dx}${dy < 0 ? "" : " "}${dy}`;
  }
  return text;
}
