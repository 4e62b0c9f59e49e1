// Process checks for the tests and the benchmark that start `npm start`'s parts.

/** Whether a process with this pid exists (a signal 0 probes without sending anything). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
