import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { canRun, run, writeOwner } from './processes';
import { freeLoopbackPort } from './tcp';

/** Where to reach a PostgreSQL server as its superuser (trust authentication, no password). */
export interface PostgresCoordinates {
  host: string;
  port: number;
  user: string;
}

/** One database on such a server. */
export interface PostgresDatabaseCoordinates extends PostgresCoordinates {
  database: string;
}

const SUPERUSER = 'postgres';
let databaseCounter = 0;

/**
 * A throwaway PostgreSQL cluster in a temp folder (initdb, then pg_ctl on a free loopback port,
 * fsync off), for tests only. The test run shares one (see global-setup.ts); each suite takes a
 * database of its own from it with `createDatabase()`.
 */
export class PostgresTestServer implements PostgresCoordinates {
  private constructor(
    readonly host: string,
    readonly port: number,
    readonly user: string,
    /** The cluster's folder and programs; `null` for a server this process did not start. */
    private readonly cluster: { dir: string; bin: string } | null,
  ) {}

  /** Whether the PostgreSQL server programs (initdb, pg_ctl) are installed. */
  static async available(): Promise<boolean> {
    const bin = findPostgresBin();
    return bin !== null && (await canRun(join(bin, 'pg_ctl')));
  }

  /** Initialises a new cluster and starts it; resolves once it accepts connections. */
  static async start(port?: number): Promise<PostgresTestServer> {
    const bin = findPostgresBin();
    if (!bin) throw new Error('PostgreSQL is not installed (no initdb found)');
    const dir = mkdtempSync(join(tmpdir(), 'lex-auth-pg-'));
    // mkdtemp makes a 0700 folder that the postgres user (under runuser) could not enter.
    chmodSync(dir, 0o755);
    writeOwner(dir);
    const cluster = { dir, bin };
    const server = new PostgresTestServer(
      '127.0.0.1',
      port ?? (await freeLoopbackPort()),
      SUPERUSER,
      cluster,
    );
    try {
      await server.initialise(cluster);
    } catch (error) {
      await stopCluster(dir, bin);
      throw error;
    }
    return server;
  }

  /** The server another process started (the run's shared one); it cannot be stopped from here. */
  static attach({ host, port, user }: PostgresCoordinates): PostgresTestServer {
    return new PostgresTestServer(host, port, user, null);
  }

  /** Stops the server (`pg_ctl -m fast stop`) and deletes its cluster. */
  async stop(): Promise<void> {
    if (!this.cluster) throw new Error('This PostgreSQL server was started by another process');
    await stopCluster(this.cluster.dir, this.cluster.bin);
  }

  /** Creates a new, empty database with a unique name and returns how to reach it. */
  async createDatabase(): Promise<PostgresDatabaseCoordinates> {
    databaseCounter += 1;
    const database = `lex_auth_${process.pid}_${databaseCounter}_${randomBytes(3).toString('hex')}`;
    await this.asAdmin(`CREATE DATABASE ${database}`);
    return { host: this.host, port: this.port, user: this.user, database };
  }

  /** Drops a database made by `createDatabase`, closing any connection still open to it. */
  async dropDatabase(database: string): Promise<void> {
    await this.asAdmin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }

  private async asAdmin(sql: string): Promise<void> {
    const admin = new DataSource({
      type: 'postgres',
      host: this.host,
      port: this.port,
      username: this.user,
      database: 'postgres',
      extra: { max: 1 },
    });
    await admin.initialize();
    try {
      await admin.query(sql);
    } finally {
      await admin.destroy();
    }
  }

  private async initialise({ dir, bin }: { dir: string; bin: string }): Promise<void> {
    const data = join(dir, 'data');
    if (isRoot()) {
      await run('install', ['-d', '-o', SUPERUSER, '-g', SUPERUSER, '-m', '700', data]);
    } else {
      mkdirSync(data, { mode: 0o700 });
    }
    await run(
      ...asPostgres(join(bin, 'initdb'), [
        ...['-D', data, '-U', SUPERUSER, '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync'],
      ]),
    );
    const settings = [
      ...['-p', String(this.port), '-k', data, '-c', 'listen_addresses=127.0.0.1'],
      ...['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    ];
    await run(
      ...asPostgres(join(bin, 'pg_ctl'), [
        ...['-D', data, '-l', join(data, 'server.log'), '-w', '-t', '60'],
        ...['-o', settings.join(' '), 'start'],
      ]),
    );
  }
}

/** Stops the cluster in `dir` when it runs (pg_ctl reads its own pid file), then deletes it. */
export async function stopCluster(dir: string, bin = findPostgresBin()): Promise<void> {
  const data = join(dir, 'data');
  if (bin && existsSync(join(data, 'postmaster.pid'))) {
    await run(...asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']));
  }
  rmSync(dir, { recursive: true, force: true });
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** initdb and the server refuse to run as root, so root runs them as the postgres user. */
function asPostgres(program: string, args: string[]): [string, string[]] {
  return isRoot() ? ['runuser', ['-u', SUPERUSER, '--', program, ...args]] : [program, args];
}

/**
 * Where initdb and pg_ctl are: `PG_BIN` when set (other systems), else the newest
 * `/usr/lib/postgresql/<version>/bin` (Debian, Ubuntu), else `null`.
 */
export function findPostgresBin(): string | null {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
  return versions.length > 0 ? join(root, versions[0], 'bin') : null;
}
