// The map's projection and its crop to the places shown.
import { describe, expect, it } from "vitest";
import { cropToPoints, MAP_CROP, type ViewBox } from "../src/browser/map-crop";
import { type ProjectedPoint, project, WORLD_UNITS } from "../src/projection";

function contains(view: ViewBox, [x, y]: ProjectedPoint): boolean {
  return x > view.x && x < view.x + view.width && y > view.y && y < view.y + view.height;
}

describe("project", () => {
  it("puts the prime meridian and the equator in the middle, the antimeridian at the edges", () => {
    expect(project(0, 0)).toEqual([WORLD_UNITS / 2, WORLD_UNITS / 2]);
    expect(project(-180, 0)[0]).toBe(0);
    expect(project(180, 0)[0]).toBe(WORLD_UNITS);
  });

  it("draws north up and stretches latitudes as Mercator does", () => {
    const [, kranj] = project(14.36, 46.24);
    const [, moscow] = project(37.62, 55.75);
    expect(moscow).toBeLessThan(kranj);
    const degreeAt60 = project(0, 60)[1] - project(0, 61)[1];
    const degreeAt0 = project(0, 0)[1] - project(0, 1)[1];
    expect(degreeAt60 / degreeAt0).toBeCloseTo(2, 1);
  });

  it("clamps the poles, which Mercator cannot reach", () => {
    expect(Number.isFinite(project(0, 90)[1])).toBe(true);
    expect(project(0, 90)).toEqual(project(0, 85));
    expect(project(0, -90)).toEqual(project(0, -85));
  });
});

describe("cropToPoints", () => {
  const kranj = project(14.35561, 46.23887);
  const villach = project(13.85583, 46.61028);
  const velenje = project(15.11028, 46.35917);
  const pljevlja = project(19.35843, 43.3567);
  const moscow = project(37.61556, 55.75222);

  it("keeps every place inside, with a margin, at the map's aspect ratio", () => {
    const points = [velenje, pljevlja, moscow];
    const view = cropToPoints(points);
    for (const point of points) expect(contains(view, point)).toBe(true);
    expect(view.width / view.height).toBeCloseTo(MAP_CROP.aspect, 6);
    const [left] = velenje;
    expect(left - view.x).toBeGreaterThanOrEqual((moscow[0] - velenje[0]) * MAP_CROP.padding - 1e-6);
  });

  it("widens two neighbours (Kranj and Villach, 40 km apart) to a region", () => {
    const view = cropToPoints([kranj, villach]);
    expect(view.width).toBeCloseTo(MAP_CROP.minWidth, 6);
    expect(view.width).toBeGreaterThan(Math.abs(kranj[0] - villach[0]) * 5);
    expect(contains(view, kranj) && contains(view, villach)).toBe(true);
  });

  it("centres the view on the places", () => {
    const view = cropToPoints([velenje, pljevlja]);
    expect(view.x + view.width / 2).toBeCloseTo((velenje[0] + pljevlja[0]) / 2, 6);
    expect(view.y + view.height / 2).toBeCloseTo((velenje[1] + pljevlja[1]) / 2, 6);
  });

  it("shows a single place at the least extent", () => {
    const view = cropToPoints([kranj]);
    expect(view.width).toBeCloseTo(MAP_CROP.minWidth, 6);
    expect(view.x + view.width / 2).toBeCloseTo(kranj[0], 6);
  });

  it("refuses an empty set of places", () => {
    expect(() => cropToPoints([])).toThrow(/at least one point/);
  });
});
