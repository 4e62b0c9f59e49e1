// A process and everything it started, read from Linux's /proc: another gateway may serve from
// workers of its own, whose CPU time is the gateway's too.
import { readdirSync, readFileSync } from "node:fs";
import { cpuSeconds } from "./hostile/proc";

/** `root` and its descendants, by the parent pid in each /proc/<pid>/stat. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = parentPid(Number(entry));
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const tree: number[] = [];
  const pending = [root];
  for (let pid = pending.pop(); pid !== undefined; pid = pending.pop()) {
    tree.push(pid);
    pending.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** The CPU seconds these processes have spent so far, together; one that is gone counts nothing. */
export function totalCpuSeconds(pids: readonly number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      total += cpuSeconds(pid);
    } catch {
      // exited meanwhile
    }
  }
  return total;
}

export function parentPid(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // the command name, in parentheses, may hold spaces: the parent is the second field after it
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined; // exited meanwhile
  }
}
