/**
 * The body of a bcrypt worker thread, run with `eval: true`, so the package ships no separate
 * script that ts-node, jest and `dist/` would each have to find. `workerData.bcrypt` is the
 * resolved path of the `bcrypt` package.
 *
 * The worker first lowers its own thread to nice 19, so the kernel always runs the event loop
 * before it, then hashes with bcrypt's SYNC calls: they run on this thread, whose priority we
 * set, while the async ones would go to libuv's pool, shared at normal priority. It answers one
 * request at a time: `{ op: 'hash', password, rounds }` → `{ value: hash }`,
 * `{ op: 'compare', password, hash }` → `{ value: boolean }`, an error → `{ error: message }`.
 * Its first message, `{ priority }`, says whether lowering worked.
 */
export const BCRYPT_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { readlinkSync } = require('node:fs');
const { getPriority, setPriority } = require('node:os');
const bcrypt = require(workerData.bcrypt);

let priority;
try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  setPriority(tid, workerData.nice);
  priority = { tid, nice: getPriority(tid) };
} catch (error) {
  priority = { tid: null, reason: error instanceof Error ? error.message : String(error) };
}
parentPort.postMessage({ priority });

parentPort.on('message', (request) => {
  try {
    const value =
      request.op === 'hash'
        ? bcrypt.hashSync(request.password, request.rounds)
        : bcrypt.compareSync(request.password, request.hash);
    parentPort.postMessage({ value });
  } catch (error) {
    parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
`;
