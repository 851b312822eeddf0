import { randomUUID } from "node:crypto";
import { hostname } from "node:os";

/** A process's name on what it claims (outbox rows, leases): its host and process, and a random part for each claimant. */
export function newOwner(): string {
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  live.add(owner);
  return owner;
}

/** The owners of this process still at work: one retired (its inbox or sender stopped) is gone. */
const live = new Set<string>();

/** Marks an owner of this process as gone: what it held may be taken over, as after a crash. */
export function retireOwner(owner: string): void {
  live.delete(owner);
}

/**
 * Whether the process named in `owner` is known to be gone: it ran on this host and no process has
 * its id any more (a kill -9, a crash). Another host's process is never known dead: its lease says.
 */
export function isDeadOwner(owner: string): boolean {
  const [host, pidText] = owner.split(":");
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return !live.has(owner);
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: a process of another user has that id, so it is alive.
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
