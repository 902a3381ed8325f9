import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** The lowest scheduling priority (the highest nice value) a thread can take. */
export const LOWEST_PRIORITY = 19;

/**
 * The kernel id of the calling thread, on Linux (`/proc/thread-self` links to `<pid>/task/<tid>`).
 * Linux keeps a nice value per thread, and `setPriority` of that id changes this thread only.
 * @throws where there is no `/proc/thread-self` (not Linux, or a sandbox without `/proc`)
 */
export function currentThreadId(): number {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (!Number.isInteger(tid) || tid <= 0) throw new Error('/proc/thread-self names no thread');
  return tid;
}

let supported: boolean | undefined;

/**
 * Whether threads of this process can lower their own priority: the calling thread's id is
 * readable and the kernel lets it set its own nice value (to what it already is, so this thread
 * keeps its priority). Decided once, synchronously, for the default of
 * `password.max_concurrent_hashes`.
 */
export function canLowerThreadPriority(): boolean {
  if (supported === undefined) {
    try {
      const tid = currentThreadId();
      setPriority(tid, getPriority(tid));
      supported = true;
    } catch {
      supported = false;
    }
  }
  return supported;
}
