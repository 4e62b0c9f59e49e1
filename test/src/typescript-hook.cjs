// Lets a child `node` process run the workspace's TypeScript sources as vitest does, so tests can
// start a CLI in another process without a build: workspace packages resolve to their "source"
// export (run node with --conditions=source) and each .ts file is compiled by esbuild on require.
const { readFileSync } = require("node:fs");
const { transformSync } = require("esbuild");

const options = {
  loader: "ts",
  format: "cjs",
  target: "node20",
  // import() of a .ts file would go to Node's ESM loader, which cannot compile it
  supported: { "dynamic-import": false },
  tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
};

require.extensions[".ts"] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, "utf8"), { ...options, sourcefile: filename });
  module._compile(code, filename);
};
