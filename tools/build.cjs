#!/usr/bin/env node
// `npm run build` (and the first step of `npm start` and the other root scripts): compiles the
// workspace packages in dependency order in this one process. Separate `tsc -p` runs each parsed
// the same ~1,200 declaration files of the dependencies again; here they are parsed once and shared,
// which is what makes a fresh clone's first build take seconds rather than most of a minute. Each
// package's emit is what its own `tsc -p tsconfig.build.json` writes (its `build` script, kept for
// building one package alone), then its `postbuild` script runs. A package whose inputs and whose
// dependencies are unchanged since its last build here is skipped, so a second start checks in
// milliseconds.
//
//   node tools/build.cjs                  every package
//   node tools/build.cjs @twingraph/dev   that package and what it depends on
//   --subgraphs                           also every package of schema/subgraphs.json (what npm start runs)
//   --root=<dir>                          another workspace than this repository (its tests use one)
//
// Plain CommonJS on purpose: it runs before anything is built.
const { createHash } = require("node:crypto");
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(optionValue("--root") ?? path.join(__dirname, ".."));
const FINGERPRINT_FILE = ".build-fingerprint";
/** Folders of a package that are not build inputs. */
const NOT_INPUTS = new Set(["dist", "node_modules", "test", ".turbo"]);

function main() {
  const started = performance.now();
  const packages = workspacePackages();
  const wanted = withDependencies(packages, requestedNames(packages));
  const stale = [];
  const fingerprints = new Map();
  for (const pkg of inDependencyOrder(packages, wanted)) {
    const print = fingerprint(pkg, fingerprints);
    fingerprints.set(pkg.name, print);
    if (storedFingerprint(pkg) !== print) stale.push({ pkg, print });
  }
  if (stale.length === 0) {
    say(`Build up to date (${plural(wanted.size, "package")} checked in ${seconds(started)}).`);
    return;
  }
  compile(stale, started).catch(fail);
}

/** Every workspace package with a tsconfig.build.json, by name. */
function workspacePackages() {
  const { workspaces } = readJson(path.join(ROOT, "package.json"));
  const folders = workspaces.flatMap((pattern) =>
    pattern.endsWith("/*")
      ? fs
          .readdirSync(path.join(ROOT, pattern.slice(0, -2)), { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => path.join(pattern.slice(0, -2), entry.name))
      : [pattern],
  );
  const packages = new Map();
  for (const folder of folders) {
    const dir = path.join(ROOT, folder);
    const manifestFile = path.join(dir, "package.json");
    if (!fs.existsSync(manifestFile) || !fs.existsSync(path.join(dir, "tsconfig.build.json"))) continue;
    const manifest = readJson(manifestFile);
    packages.set(manifest.name, { name: manifest.name, dir, manifest });
  }
  for (const pkg of packages.values()) {
    const declared = { ...pkg.manifest.dependencies, ...pkg.manifest.devDependencies };
    pkg.dependencies = Object.keys(declared).filter((name) => packages.has(name));
  }
  return packages;
}

function requestedNames(packages) {
  const names = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
  if (process.argv.includes("--subgraphs")) names.push(...subgraphPackages());
  for (const name of names) {
    if (!packages.has(name))
      throw new Error(`${name} is not a workspace package: one of ${[...packages.keys()].join(", ")}`);
  }
  return names.length > 0 ? names : [...packages.keys()];
}

/** The packages of the subgraph manifest: the orchestrator runs them without importing them. */
function subgraphPackages() {
  return readJson(path.join(ROOT, "schema", "subgraphs.json")).subgraphs.map((entry) => entry.package);
}

function withDependencies(packages, names) {
  const wanted = new Set();
  const visit = (name) => {
    if (wanted.has(name)) return;
    wanted.add(name);
    for (const dependency of packages.get(name).dependencies) visit(dependency);
  };
  for (const name of names) visit(name);
  return wanted;
}

function inDependencyOrder(packages, wanted) {
  const ordered = [];
  const state = new Map();
  const visit = (name, chain) => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "visiting")
      throw new Error(`workspace packages depend on each other in a cycle: ${[...chain, name].join(" -> ")}`);
    state.set(name, "visiting");
    for (const dependency of packages.get(name).dependencies) visit(dependency, [...chain, name]);
    state.set(name, "done");
    ordered.push(packages.get(name));
  };
  for (const name of [...wanted].sort()) visit(name, []);
  return ordered;
}

/**
 * A hash of what the package's build reads: its own files (not dist, tests or dot files), the
 * shared compiler settings, the compiler's version and its dependencies' fingerprints.
 */
function fingerprint(pkg, fingerprints) {
  const hash = createHash("sha256");
  hash.update(`typescript ${require("typescript/package.json").version}\n`);
  hash.update(fs.readFileSync(path.join(ROOT, "tsconfig.base.json")));
  for (const dependency of pkg.dependencies) hash.update(`${dependency} ${fingerprints.get(dependency)}\n`);
  for (const file of inputFiles(pkg.dir)) {
    hash.update(`${path.relative(pkg.dir, file)}\n`);
    hash.update(fs.readFileSync(file));
  }
  return hash.digest("hex");
}

function inputFiles(dir, top = true) {
  const files = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort(byName)) {
    if (entry.name.startsWith(".") || (top && NOT_INPUTS.has(entry.name))) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...inputFiles(full, false));
    else if (entry.isFile()) files.push(full);
  }
  return files;
}

function byName(a, b) {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function fingerprintFile(pkg) {
  return path.join(pkg.dir, "dist", FINGERPRINT_FILE);
}

function storedFingerprint(pkg) {
  try {
    return fs.readFileSync(fingerprintFile(pkg), "utf8").trim();
  } catch {
    return null;
  }
}

/** Compiles the stale packages in order; each postbuild runs alongside the packages after it. */
async function compile(stale, started) {
  const ts = require("typescript");
  const declarations = new Map();
  const postbuilds = [];
  for (const { pkg, print } of stale) {
    const compiled = performance.now();
    // a build that fails part way leaves the package stale, whatever its inputs go back to
    fs.rmSync(fingerprintFile(pkg), { force: true });
    emit(ts, pkg, declarations);
    const postbuild = pkg.manifest.scripts?.postbuild;
    const done = postbuild ? runScript(pkg, postbuild) : Promise.resolve();
    postbuilds.push(done.then(() => fs.writeFileSync(fingerprintFile(pkg), `${print}\n`)));
    say(`  ${pkg.name} compiled (${seconds(compiled)})`);
  }
  await Promise.all(postbuilds);
  say(`Built ${plural(stale.length, "package")} in ${seconds(started)}.`);
}

/**
 * Emits one package as `tsc -p tsconfig.build.json` would. Declaration files are parsed once for
 * the whole run: a package's own are dropped from the cache when it is rebuilt.
 */
function emit(ts, pkg, declarations) {
  const configFile = path.join(pkg.dir, "tsconfig.build.json");
  const config = ts.getParsedCommandLineOfConfigFile(
    configFile,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
      },
    },
  );
  const host = ts.createCompilerHost(config.options);
  const readSourceFile = host.getSourceFile.bind(host);
  forgetOwnDeclarations(declarations, config.options.outDir);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (!fileName.endsWith(".d.ts")) return readSourceFile(fileName, languageVersion, onError, shouldCreate);
    const key = `${fileName}\0${JSON.stringify(languageVersion)}`;
    if (!declarations.has(key))
      declarations.set(key, readSourceFile(fileName, languageVersion, onError, shouldCreate));
    return declarations.get(key);
  };
  const program = ts.createProgram({
    rootNames: config.fileNames,
    options: config.options,
    host,
    projectReferences: config.projectReferences,
  });
  const diagnostics = [
    ...config.errors,
    ...program.getOptionsDiagnostics(),
    ...program.getSyntacticDiagnostics(),
    ...program.emit().diagnostics,
  ];
  if (diagnostics.length > 0) {
    process.stderr.write(ts.formatDiagnosticsWithColorAndContext(diagnostics, host));
    throw new Error(`${pkg.name} did not build.`);
  }
}

function forgetOwnDeclarations(declarations, outDir) {
  if (!outDir) return;
  const prefix = `${outDir}${path.sep}`;
  for (const key of declarations.keys()) if (key.startsWith(prefix)) declarations.delete(key);
}

/** Runs a package script; its output is shown only when it fails, so a start stays quiet. */
function runScript(pkg, script) {
  const bin = path.join(ROOT, "node_modules", ".bin");
  return new Promise((resolve, reject) => {
    const child = spawn(script, {
      cwd: pkg.dir,
      shell: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` },
    });
    const output = [];
    child.stdout.on("data", (chunk) => output.push(chunk));
    child.stderr.on("data", (chunk) => output.push(chunk));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code === 0) return resolve();
      process.stderr.write(Buffer.concat(output));
      reject(new Error(`${pkg.name}'s postbuild (${script}) exited with ${code}.`));
    });
  });
}

function optionValue(name) {
  const prefix = `${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function seconds(since) {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

/** Progress goes to stderr: scripts such as `npm run token` print their result on stdout. */
function say(line) {
  process.stderr.write(`${line}\n`);
}

function fail(error) {
  say(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

try {
  main();
} catch (error) {
  fail(error);
}
