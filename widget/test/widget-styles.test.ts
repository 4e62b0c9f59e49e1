// The default theme's colours meet WCAG 2.2 contrast: 4.5:1 for text, 3:1 for markers and focus.
import { describe, expect, it } from "vitest";
import { WIDGET_CSS } from "../src/browser/widget-styles";

/** Each --twin-* property's default, as the stylesheet's var() fallbacks give it. */
function defaults(): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of WIDGET_CSS.matchAll(/var\(--twin-([a-z-]+), (#[0-9a-f]{6})\)/gi)) {
    const [, name, colour] = match;
    const known = found.get(name);
    if (known && known !== colour) throw new Error(`--twin-${name} has two defaults: ${known}, ${colour}`);
    found.set(name, colour.toLowerCase());
  }
  return found;
}

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

const colours = defaults();
const TEXT_PAIRS = [
  ["color", "background"],
  ["color", "surface"],
  ["color", "surface-hover"],
  ["muted", "background"],
  ["muted", "surface"],
  ["accent", "background"],
  ["accent-contrast", "accent"],
  ["map-label", "land"],
  ["map-label", "sea"],
] as const;
const GRAPHIC_PAIRS = [
  ["focus", "background"],
  ["focus", "surface"],
  ["marker", "land"],
  ["marker", "sea"],
  ["marker-selected", "land"],
  ["marker-selected", "sea"],
  ["home", "land"],
  ["home", "sea"],
] as const;

describe("the default theme", () => {
  it.each(TEXT_PAIRS)("sets text in --twin-%s on --twin-%s at 4.5:1 or more", (foreground, background) => {
    expect(contrast(colours.get(foreground) ?? "", colours.get(background) ?? "")).toBeGreaterThanOrEqual(
      4.5,
    );
  });

  it.each(GRAPHIC_PAIRS)("draws --twin-%s on --twin-%s at 3:1 or more", (foreground, background) => {
    expect(contrast(colours.get(foreground) ?? "", colours.get(background) ?? "")).toBeGreaterThanOrEqual(3);
  });

  it("stops animations and transitions for readers who ask for reduced motion", () => {
    expect(WIDGET_CSS).toMatch(
      /@media \(prefers-reduced-motion: reduce\) \{[^}]*animation: none[^}]*transition: none/,
    );
  });
});
