import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canRun, isAlive, readPidFile, run, runsProgram, writeOwner } from './processes';
import { answersPing, freeLoopbackPort, refusesConnections, waitFor } from './tcp';

const REDIS_SERVER = 'redis-server';

export interface RedisTestServerOptions {
  /** @default a free loopback port */
  port?: number;
  /**
   * Keep the data across `stop()` and `restart()` (append-only file), as a production Redis
   * would. Without it a restarted server comes back empty. @default false
   */
  appendOnly?: boolean;
}

/** Folders of the servers this process started; deleted when it exits. */
const folders = new Set<string>();
process.once('exit', () => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/**
 * A throwaway `redis-server` on loopback, daemonised, without RDB snapshots. The test run
 * shares one (see global-setup.ts); a test that stops, pauses or restarts Redis starts its own
 * with `RedisTestServer.start()`.
 */
export class RedisTestServer {
  private isRunning = false;

  private constructor(
    readonly port: number,
    private readonly appendOnly: boolean,
    private readonly dir: string,
  ) {}

  /** Whether `redis-server` is installed. */
  static available(): Promise<boolean> {
    return canRun(REDIS_SERVER);
  }

  /**
   * Starts a server and waits until it answers PING.
   * @param options a port number, or the options.
   */
  static async start(options: number | RedisTestServerOptions = {}): Promise<RedisTestServer> {
    const { port, appendOnly = false } = typeof options === 'number' ? { port: options } : options;
    const dir = mkdtempSync(join(tmpdir(), 'lex-auth-redis-'));
    writeOwner(dir);
    folders.add(dir);
    const server = new RedisTestServer(port ?? (await freeLoopbackPort()), appendOnly, dir);
    await server.launch();
    return server;
  }

  /** Whether the server was started and not stopped since. */
  get running(): boolean {
    return this.isRunning;
  }

  /** `redis://127.0.0.1:<port>`. */
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /**
   * Kills the server by its pid (SIGTERM: with `appendOnly` it writes its data first) and waits
   * until the port refuses connections. Idempotent.
   */
  async stop(): Promise<void> {
    if (!this.isRunning) return;
    const pid = await killRedis(this.dir);
    await waitFor(
      () => refusesConnections(this.port),
      10_000,
      () => `Redis on port ${this.port} (pid ${pid}) did not stop`,
    );
    this.isRunning = false;
  }

  /**
   * Freezes the server (SIGSTOP): connections stay open and commands are accepted but never
   * answered, as when Redis hangs. `resume()` thaws it.
   */
  pause(): void {
    process.kill(this.pid(), 'SIGSTOP');
  }

  /** Thaws a paused server (SIGCONT); it then answers what it was sent meanwhile. */
  resume(): void {
    process.kill(this.pid(), 'SIGCONT');
  }

  /**
   * Stops the server (when running) and starts it again on the same port: with its data when
   * `appendOnly`, empty otherwise. Clients see their connections drop and reconnect.
   */
  async restart(): Promise<void> {
    await this.stop();
    await this.launch();
  }

  private pid(): number {
    const pid = this.isRunning ? readPidFile(join(this.dir, 'redis.pid')) : null;
    if (pid === null) throw new Error(`Redis on port ${this.port} is not running`);
    return pid;
  }

  private async launch(): Promise<void> {
    // Otherwise PING could be answered by whatever already listens there.
    if (!(await refusesConnections(this.port))) {
      throw new Error(`Cannot start Redis on port ${this.port}: something already listens there`);
    }
    const dir = this.dir;
    // Daemonised: the command returns once the server forked; PING tells when it serves.
    await run(REDIS_SERVER, [
      ...['--port', String(this.port), '--bind', '127.0.0.1', '--daemonize', 'yes'],
      ...['--save', '', '--appendonly', this.appendOnly ? 'yes' : 'no', '--dir', dir],
      ...['--pidfile', join(dir, 'redis.pid'), '--logfile', join(dir, 'redis.log')],
    ]);
    this.isRunning = true;
    await waitFor(
      () => answersPing(this.port),
      10_000,
      () => `Redis on port ${this.port} did not answer PING; see ${join(dir, 'redis.log')}`,
    );
  }
}

/**
 * Kills the Redis whose pid file is in `dir` (checking the pid still runs redis-server) and
 * waits for it to exit. Resolves with the pid, `null` when none was recorded.
 */
async function killRedis(dir: string): Promise<number | null> {
  const pid = readPidFile(join(dir, 'redis.pid'));
  if (pid !== null && isAlive(pid) && runsProgram(pid, REDIS_SERVER)) {
    process.kill(pid, 'SIGTERM');
    // A paused (SIGSTOP) server acts on SIGTERM only once it runs again.
    process.kill(pid, 'SIGCONT');
    await waitFor(
      () => !isAlive(pid),
      10_000,
      () => `Redis (pid ${pid}) did not exit`,
    );
  }
  return pid;
}

/** Stops the Redis of an abandoned server folder, if it still runs, and deletes the folder. */
export async function stopRedisIn(dir: string): Promise<void> {
  await killRedis(dir);
  rmSync(dir, { recursive: true, force: true });
}
