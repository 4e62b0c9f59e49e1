// The npm registry this project installs from serves only Linux builds of Biome's and turbo's
// platform binaries, so `npm install` leaves the other platforms' optional packages out of
// package-lock.json, and `npm ci` then refuses the lockfile as out of sync. This adds lock entries
// for them (version and platform only); npm skips them on a platform that does not match, as it
// would with full entries. Run it after any `npm install` that rewrites the lockfile.
import { readFileSync, writeFileSync } from "node:fs";

const PLATFORMS = {
  "cli-win32-x64": { os: ["win32"], cpu: ["x64"] },
  "cli-win32-arm64": { os: ["win32"], cpu: ["arm64"] },
  "cli-darwin-x64": { os: ["darwin"], cpu: ["x64"] },
  "cli-darwin-arm64": { os: ["darwin"], cpu: ["arm64"] },
  "cli-linux-x64-musl": { os: ["linux"], cpu: ["x64"], libc: ["musl"] },
  "cli-linux-arm64-musl": { os: ["linux"], cpu: ["arm64"], libc: ["musl"] },
  "cli-android-x64": { os: ["android"], cpu: ["x64"] },
  "cli-android-arm64": { os: ["android"], cpu: ["arm64"] },
  "darwin-64": { os: ["darwin"], cpu: ["x64"] },
  "darwin-arm64": { os: ["darwin"], cpu: ["arm64"] },
  "windows-64": { os: ["win32"], cpu: ["x64"] },
  "windows-arm64": { os: ["win32"], cpu: ["arm64"] },
};

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8"));
let added = 0;
for (const owner of ["node_modules/@biomejs/biome", "node_modules/turbo"]) {
  const entry = lock.packages[owner];
  for (const [name, version] of Object.entries(entry?.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    const platform = PLATFORMS[name.split("/")[1]];
    if (lock.packages[key] || !platform) continue;
    lock.packages[key] = { version, ...platform, dev: entry.dev, optional: true };
    added += 1;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))),
);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: added ${added} platform entries`);
