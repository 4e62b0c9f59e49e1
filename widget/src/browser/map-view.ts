// The partners' map: an SVG cropped to the places, with one focusable marker per partner. Outlines
// arrive later (a separate module), so the markers stand on a plain sea until then.
import type { ProjectedPoint } from "../projection";
import { html, svg } from "./dom-builder";
import { cropToPoints, type ViewBox, viewBoxAttribute } from "./map-crop";

export interface MapPlace {
  id: string;
  label: string;
  point: ProjectedPoint;
}

export interface MapPartner extends MapPlace {
  /** the id of the details element the marker opens */
  controls: string;
}

export interface MapLabels {
  title: string;
  credit: string;
}

export interface MapView {
  element: HTMLElement;
  showOutlines(land: string, borders: string): void;
  setSelected(id: string | undefined): void;
}

// sizes as shares of the view's width, so markers scale with the map, not with the world
const MARKER_RADIUS = 0.016;
const LABEL_SIZE = 0.036;
/** names on the map, relative to the widget's text */
const NAME_SCALE = 0.85;

export function createMapView(
  home: MapPlace | undefined,
  partners: readonly MapPartner[],
  labels: MapLabels,
  onSelect: (id: string) => void,
): MapView {
  const view = cropToPoints([...(home ? [home.point] : []), ...partners.map((partner) => partner.point)]);
  const outlines = svg("g", { class: "outlines", "aria-hidden": "true" });
  const markers = partners.map((partner) => partnerMarker(partner, view, onSelect));
  const radius = view.width * MARKER_RADIUS;
  // names in a layer of their own, so each marker's box is its dot, where a pointer aims
  const names = svg(
    "g",
    { class: "names", "aria-hidden": "true", "font-size": (view.width * LABEL_SIZE).toFixed(2) },
    ...[...(home ? [home] : []), ...partners].map((place) => placeLabel(place, view, radius)),
  );
  const map = svg(
    "svg",
    { viewBox: viewBoxAttribute(view), role: "group", "aria-label": labels.title, class: "map-svg" },
    svg("title", {}, labels.title),
    svg("rect", { class: "sea", ...viewBoxRect(view) }),
    outlines,
    home ? homeMarker(home, view) : null,
    ...markers,
    names,
  );
  const element = html(
    "figure",
    { class: "map", part: "map" },
    map,
    html("figcaption", { class: "credit", part: "credit" }, labels.credit),
  );
  keepNamesReadable(map, names, view);
  return {
    element,
    showOutlines(land, borders) {
      outlines.replaceChildren(
        svg("path", { class: "land", d: land }),
        svg("path", { class: "borders", d: borders }),
      );
    },
    setSelected(id) {
      for (const marker of markers) {
        const selected = marker.dataset.cityId === id;
        marker.classList.toggle("selected", selected);
        marker.setAttribute("aria-expanded", String(selected));
      }
    },
  };
}

function viewBoxRect(view: ViewBox) {
  return { x: view.x, y: view.y, width: view.width, height: view.height };
}

function partnerMarker(partner: MapPartner, view: ViewBox, onSelect: (id: string) => void): SVGGElement {
  const radius = view.width * MARKER_RADIUS;
  const marker = svg(
    "g",
    {
      class: "marker",
      part: "marker",
      "data-city-id": partner.id,
      role: "button",
      tabindex: 0,
      "aria-label": partner.label,
      "aria-controls": partner.controls,
      "aria-expanded": "false",
      transform: translate(partner.point),
    },
    svg("circle", { class: "focus-ring", r: radius * 1.9 }),
    svg("circle", { class: "dot", r: radius }),
  );
  marker.addEventListener("click", () => onSelect(partner.id));
  marker.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    onSelect(partner.id);
  });
  return marker;
}

/** The city itself: a square, told from the partners' dots by shape as well as colour. */
function homeMarker(home: MapPlace, view: ViewBox): SVGGElement {
  const half = view.width * MARKER_RADIUS;
  return svg(
    "g",
    {
      class: "home",
      part: "home",
      "data-city-id": home.id,
      role: "img",
      "aria-label": home.label,
      transform: translate(home.point),
    },
    svg("rect", { x: -half, y: -half, width: 2 * half, height: 2 * half }),
  );
}

/** Names right of the place, or left of it in the view's right third, so they stay inside. */
function placeLabel(place: MapPlace, view: ViewBox, radius: number): SVGTextElement {
  const [x, y] = place.point;
  const onLeft = x > view.x + (view.width * 2) / 3;
  return svg(
    "text",
    {
      x: (x + (onLeft ? -1 : 1) * radius * 1.6).toFixed(2),
      y: (y + radius * 0.7).toFixed(2),
      "text-anchor": onLeft ? "end" : "start",
    },
    place.label,
  );
}

/**
 * Names keep the widget's text size however wide the map is drawn: their size in world units
 * follows the map's scale (until the first layout, a share of the view stands in).
 */
function keepNamesReadable(map: SVGSVGElement, names: SVGGElement, view: ViewBox): void {
  if (typeof ResizeObserver === "undefined") return;
  new ResizeObserver(() => {
    const width = map.clientWidth;
    if (width === 0) return;
    const pixels = Number.parseFloat(getComputedStyle(map).fontSize) * NAME_SCALE;
    names.setAttribute("font-size", ((pixels * view.width) / width).toFixed(2));
  }).observe(map);
}

function translate([x, y]: ProjectedPoint): string {
  return `translate(${x.toFixed(2)} ${y.toFixed(2)})`;
}
