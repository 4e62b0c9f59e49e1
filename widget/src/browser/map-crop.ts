// Which part of the projected world the map shows: the places' bounding box with a margin, widened
// to the map's aspect ratio and to a least extent, so two neighbouring towns still show a region.
import { type ProjectedPoint, WORLD_UNITS } from "../projection";

export interface ViewBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface CropOptions {
  /** width / height of the map */
  aspect: number;
  /** margin on each side, as a share of the box's larger side */
  padding: number;
  /** the least width shown, in world units */
  minWidth: number;
}

export const MAP_CROP: CropOptions = {
  aspect: 4 / 3,
  padding: 0.2,
  // about five degrees of longitude: a region around a pair of neighbours
  minWidth: WORLD_UNITS / 72,
};

export function cropToPoints(points: readonly ProjectedPoint[], options: CropOptions = MAP_CROP): ViewBox {
  if (points.length === 0) throw new Error("cropToPoints needs at least one point");
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  const left = Math.min(...xs);
  const top = Math.min(...ys);
  const boxWidth = Math.max(...xs) - left;
  const boxHeight = Math.max(...ys) - top;
  const margin = Math.max(boxWidth, boxHeight) * options.padding;
  let width = Math.max(boxWidth + 2 * margin, options.minWidth);
  let height = boxHeight + 2 * margin;
  if (width / height > options.aspect) height = width / options.aspect;
  else width = height * options.aspect;
  return {
    x: left + boxWidth / 2 - width / 2,
    y: top + boxHeight / 2 - height / 2,
    width,
    height,
  };
}

export function viewBoxAttribute({ x, y, width, height }: ViewBox): string {
  return [x, y, width, height].map((value) => Number(value.toFixed(2))).join(" ");
}
