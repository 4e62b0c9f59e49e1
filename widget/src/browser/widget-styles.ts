// The widget's stylesheet, scoped by its shadow root. Every colour, the font and the radius come
// from --twin-* custom properties, so a portal themes the widget without reaching inside it.
export const WIDGET_CSS = /* CSS */ `
:host {
  display: block;
  container-type: inline-size;
  font-family: var(--twin-font, inherit);
  font-size: var(--twin-font-size, 1rem);
  line-height: 1.45;
  color: var(--twin-color, #1d2330);
}
:host([hidden]), [hidden] { display: none !important; }
* { box-sizing: border-box; }
.container {
  background: var(--twin-background, #ffffff);
  border: 1px solid var(--twin-border, #c5cbd5);
  border-radius: var(--twin-radius, 0.5rem);
  padding: 1em;
}
.header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0 0.6em; margin-bottom: 0.25em; }
.title { font-size: 1.25em; margin: 0; }
.subtitle, .status, .meta, dt, .credit, .detail, .unavailable { color: var(--twin-muted, #4d5564); }
.subtitle { margin: 0; }
.status { margin: 0 0 0.75em; font-size: 0.9em; }
.layout { display: grid; gap: 1em; }
@container (min-width: 40rem) {
  .layout { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); align-items: start; }
}
.list { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5em; }
.item-heading { margin: 0; font: inherit; }
.partner {
  display: grid;
  width: 100%;
  text-align: start;
  font: inherit;
  color: inherit;
  background: var(--twin-surface, #f3f5f8);
  border: 1px solid var(--twin-border, #c5cbd5);
  border-inline-start: 0.3em solid var(--twin-border, #c5cbd5);
  border-radius: var(--twin-radius, 0.5rem);
  padding: 0.5em 0.75em;
  cursor: pointer;
  transition: background-color 0.15s, border-color 0.15s;
}
.partner:hover { background: var(--twin-surface-hover, #e6eaf0); }
.partner[aria-expanded="true"] { border-inline-start-color: var(--twin-accent, #0b5fa5); }
.name { font-weight: 600; }
.meta { font-size: 0.9em; }
:focus-visible { outline: 3px solid var(--twin-focus, #0b5fa5); outline-offset: 2px; }
.details { padding: 0.5em 0.75em 0.25em; }
.partnership + .partnership { border-top: 1px solid var(--twin-border, #c5cbd5); margin-top: 0.5em; padding-top: 0.5em; }
.partnership-name { font-weight: 600; margin: 0 0 0.25em; }
.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.1em 0.75em; margin: 0; }
dd { margin: 0; }
.visit-date { margin: 0 0 0.2em; }
.unavailable { font-size: 0.9em; font-style: italic; margin: 0.6em 0 0; }
.section-heading { font-size: 0.95em; margin: 0.6em 0 0.2em; }
.section-list { margin: 0; padding-inline-start: 1.2em; }
.sources .section-list { font-size: 0.85em; word-break: break-all; }
a { color: var(--twin-accent, #0b5fa5); }
.map { margin: 0; }
.map-svg {
  display: block;
  width: 100%;
  height: auto;
  aspect-ratio: 4 / 3;
  border-radius: var(--twin-radius, 0.5rem);
  border: 1px solid var(--twin-border, #c5cbd5);
}
.sea, .outlines { pointer-events: none; }
.sea { fill: var(--twin-sea, #d4e4f1); }
.land { fill: var(--twin-land, #f1ede3); stroke: var(--twin-coast, #8fa5b8); stroke-width: 0.75px; vector-effect: non-scaling-stroke; }
.borders { fill: none; stroke: var(--twin-map-border, #958d7c); stroke-width: 0.75px; stroke-dasharray: 3 2; vector-effect: non-scaling-stroke; }
.map text {
  fill: var(--twin-map-label, #1d2330);
  stroke: var(--twin-map-halo, #ffffffd9);
  stroke-width: 0.25em;
  paint-order: stroke;
  stroke-linejoin: round;
  pointer-events: none;
}
.marker { cursor: pointer; outline: none; }
.marker .dot { fill: var(--twin-marker, #0b5fa5); stroke: #ffffff; stroke-width: 1.5px; vector-effect: non-scaling-stroke; }
.marker:hover .dot, .marker.selected .dot { fill: var(--twin-marker-selected, #b93a0b); }
/* the ring, painted or not, is the marker's target: larger than the dot, for fingers */
.marker .focus-ring { fill: none; stroke: none; stroke-width: 3px; vector-effect: non-scaling-stroke; pointer-events: visible; }
.marker:focus-visible .focus-ring { stroke: var(--twin-focus, #0b5fa5); }
.marker.selected .focus-ring { fill: var(--twin-marker-selected, #b93a0b); fill-opacity: 0.25; }
.home rect { fill: var(--twin-home, #1d2330); stroke: #ffffff; stroke-width: 1.5px; vector-effect: non-scaling-stroke; }
.credit { font-size: 0.75em; text-align: end; margin-top: 0.2em; }
.message { margin: 0; }
.detail { font-size: 0.9em; margin: 0.25em 0 0.75em; }
.retry {
  font: inherit;
  color: var(--twin-accent-contrast, #ffffff);
  background: var(--twin-accent, #0b5fa5);
  border: 0;
  border-radius: var(--twin-radius, 0.5rem);
  padding: 0.4em 1em;
  cursor: pointer;
}
.skeleton { display: grid; gap: 0.5em; }
.skeleton span {
  display: block;
  height: 2.6em;
  border-radius: var(--twin-radius, 0.5rem);
  background: var(--twin-surface, #f3f5f8);
  animation: pulse 1.2s ease-in-out infinite alternate;
}
@keyframes pulse { from { opacity: 1; } to { opacity: 0.45; } }
@media (prefers-reduced-motion: reduce) {
  *, *::before, *::after { animation: none !important; transition: none !important; scroll-behavior: auto !important; }
}
@media (forced-colors: active) {
  .marker .dot, .home rect { fill: CanvasText; }
  .marker.selected .dot { fill: Highlight; }
}
`;
