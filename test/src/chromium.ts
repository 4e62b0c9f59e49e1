// Debian's Chromium for the browser tests, driven by playwright-core: where it is, the flags a closed
// network needs, and where screenshots go. Tests skip, saying so, where it is not installed.
import { existsSync } from "node:fs";
import path from "node:path";

export const CHROMIUM = "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);
/** appended to each browser test's title, so a skipped run says why */
export const SKIPPED = hasChromium ? "" : " (skipped: no Chromium at /usr/bin/chromium)";
/** screenshots, for a person to look at (git ignores the folder) */
export const ARTIFACTS = path.resolve(__dirname, "../artifacts");
/** without the background-networking flags Chromium keeps dialling out, and this network refuses it */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
