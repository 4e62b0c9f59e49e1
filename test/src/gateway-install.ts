// The gateway as an operator installs it: its package and the production dependencies it declares,
// transitively, and nothing else. The closure is found the way Node resolves packages (the nearest
// node_modules upwards from the dependent) and copied, not linked, into a directory of its own, so
// a module the gateway reaches without declaring it fails to load there as it would in production.
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { testGatewaySecret } from "./gateway-secret";

export const REPO_ROOT = path.resolve(__dirname, "../..");

export interface InstalledPackage {
  name: string;
  version: string;
  /** its real directory in the checkout */
  dir: string;
}

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as Manifest;
}

/** What npm installs for a package in production: dependencies, optional ones, and required peers. */
function productionDependencies(manifest: Manifest): string[] {
  const requiredPeers = Object.keys(manifest.peerDependencies ?? {}).filter(
    (name) => !manifest.peerDependenciesMeta?.[name]?.optional,
  );
  return [
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.optionalDependencies ?? {}),
    ...requiredPeers,
  ];
}

/** Node's lookup: <dir>/node_modules/<name>, then the same from each parent directory. */
function locate(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (existsSync(path.join(candidate, "package.json"))) return realpathSync(candidate);
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Every package a production install of `packageDir` holds, itself excluded; missing optional ones are skipped. */
export function productionClosure(packageDir: string): InstalledPackage[] {
  const found = new Map<string, InstalledPackage>();
  const pending = [realpathSync(packageDir)];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    const manifest = readManifest(dir);
    const optional = new Set(Object.keys(manifest.optionalDependencies ?? {}));
    for (const name of productionDependencies(manifest)) {
      const located = locate(name, dir);
      if (!located) {
        if (optional.has(name)) continue;
        throw new Error(`${manifest.name} depends on ${name}, which is not installed`);
      }
      if (found.has(located)) continue;
      const { version } = readManifest(located);
      found.set(located, { name, version, dir: located });
      pending.push(located);
    }
  }
  return [...found.values()].sort((a, b) => a.dir.localeCompare(b.dir));
}

function isWorkspacePackage(dir: string, root: string): boolean {
  return !path.relative(root, dir).split(path.sep).includes("node_modules");
}

/**
 * Where a registry package goes in the copy: the same place relative to the root, or to the workspace
 * package whose own node_modules holds it, so nested versions stay nested as npm laid them out.
 */
function destinationOf(dir: string, root: string, target: string, workspaces: Map<string, string>): string {
  const owner = [...workspaces.keys()]
    .filter((workspaceDir) => dir.startsWith(`${workspaceDir}${path.sep}`))
    .sort((a, b) => b.length - a.length)[0];
  if (!owner) return path.join(target, path.relative(root, dir));
  return path.join(workspaces.get(owner) as string, path.relative(owner, dir));
}

/** A workspace package as published: its package.json and built output, no sources or tests. */
function copyWorkspacePackage(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  cpSync(path.join(from, "package.json"), path.join(to, "package.json"));
  if (!existsSync(path.join(from, "dist"))) throw new Error(`${from} is not built: run npm run build`);
  cpSync(path.join(from, "dist"), path.join(to, "dist"), { recursive: true });
}

export interface GatewayInstall {
  /** the installed gateway package's directory */
  gatewayDir: string;
  packages: InstalledPackage[];
  bytes: number;
}

/** Copies the gateway and its production closure into `target`; the gateway lands in target/gateway. */
export function installGatewayAlone(target: string, root = REPO_ROOT): GatewayInstall {
  const gatewaySource = path.join(root, "gateway");
  const packages = productionClosure(gatewaySource);
  const workspaces = new Map<string, string>([[realpathSync(gatewaySource), path.join(target, "gateway")]]);
  for (const pkg of packages) {
    if (isWorkspacePackage(pkg.dir, root))
      workspaces.set(pkg.dir, path.join(target, "node_modules", pkg.name));
  }
  copyWorkspacePackage(gatewaySource, path.join(target, "gateway"));
  for (const pkg of packages) {
    if (workspaces.has(pkg.dir)) copyWorkspacePackage(pkg.dir, workspaces.get(pkg.dir) as string);
    else copyRegistryPackage(pkg.dir, destinationOf(pkg.dir, root, target, workspaces));
  }
  return { gatewayDir: path.join(target, "gateway"), packages, bytes: directoryBytes(target) };
}

/** Without its nested node_modules: those in the closure are copied on their own, the others not at all. */
function copyRegistryPackage(from: string, to: string): void {
  const nested = path.join(from, "node_modules");
  cpSync(from, to, { recursive: true, filter: (source) => source !== nested });
}

export function directoryBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += directoryBytes(full);
    else if (entry.isFile()) total += statSync(full).size;
  }
  return total;
}

/** Starts an installed gateway on a free port and resolves once it says it is ready. */
export async function startInstalledGateway(
  gatewayDir: string,
  urls: Record<string, string>,
  root = REPO_ROOT,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.join(gatewayDir, "dist", "main.js")], {
    cwd: gatewayDir,
    env: {
      PATH: process.env.PATH,
      GATEWAY_PORT: "0",
      SUPERGRAPH_FILE: path.join(root, "schema", "supergraph.graphql"),
      TWINGRAPH_DATA_DIR: path.join(gatewayDir, ".data"),
      GATEWAY_SECRET: testGatewaySecret(),
      ...urls,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /gateway ready at (\S+)/.exec(output);
      if (ready) resolve({ child, url: (ready[1] as string).replace("localhost", "127.0.0.1") });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => reject(new Error(`the installed gateway exited with ${code}:\n${output}`)));
  });
}
