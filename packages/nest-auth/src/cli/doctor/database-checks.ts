import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthClock } from '../../common/auth-clock';
import { AuthConfig } from '../../settings/auth-config';
import { PasswordHasher } from '../../passwords/password-hasher';
import { UserEntity } from '../../typeorm/user.entity';
import { describeHash } from '../hash-info';
import { type DoctorFinding, ok } from './doctor-check';

/** Beyond this, tokens minted here are judged on another instance by a different "now". */
const CLOCK_WARN_MS = 1000;
const CLOCK_FAIL_MS = 5000;

/** Compares the stored hashes with the hashing configuration: who will be re-hashed at login. */
export async function checkPasswordHashes(app: INestApplicationContext): Promise<DoctorFinding> {
  const check = 'password hashes';
  const hasher = app.get(PasswordHasher);
  const { algorithm, rounds } = app.get(AuthConfig).password;
  const rows = await app
    .get(DataSource)
    .getRepository(UserEntity)
    .find({ select: { passwordHash: true } });
  const found = new Map<string, number>();
  let stale = 0;
  let unreadable = 0;
  for (const { passwordHash } of rows) {
    const { algorithm: alg, parameters } = describeHash(passwordHash);
    found.set(`${alg} ${parameters}`, (found.get(`${alg} ${parameters}`) ?? 0) + 1);
    if (!hasher.canVerify(passwordHash)) unreadable++;
    else if (hasher.needsRehash(passwordHash)) stale++;
  }
  const summary = [...found].map(([kind, count]) => `${kind}: ${count}`).join(', ') || 'no users';
  const configured = algorithm === 'bcrypt' ? `bcrypt cost=${rounds}` : algorithm;
  if (unreadable > 0)
    return {
      check,
      status: 'fail',
      message: `${unreadable} user(s) have a hash no configured algorithm reads (${summary})`,
      fix: 'Those users cannot log in: reset their passwords with users:reset-password.',
    };
  if (stale > 0)
    return {
      check,
      status: 'warn',
      message: `${stale} of ${rows.length} user(s) will be re-hashed to ${configured} at their next login (${summary})`,
      fix: 'Nothing to do if the change is intended; otherwise set LEX_AUTH__PASSWORD__ALGORITHM / LEX_AUTH__PASSWORD__ROUNDS to match the stored hashes.',
    };
  return ok(check, `${rows.length} user(s), all match ${configured} (${summary})`);
}

/** The database's clock against ours: a skewed instance mints tokens others misjudge. */
export async function checkClock(app: INestApplicationContext): Promise<DoctorFinding> {
  const dataSource = app.get(DataSource);
  const sql =
    dataSource.options.type === 'postgres'
      ? 'SELECT (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint AS ms'
      : "SELECT CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) AS ms";
  const [row] = await dataSource.query<{ ms: number | string }[]>(sql);
  const skewMs = app.get(AuthClock).now() - Number(row.ms);
  const message = `this process's clock is ${Math.abs(skewMs)} ms ${skewMs >= 0 ? 'ahead of' : 'behind'} the database's`;
  const fix =
    'Synchronise the clocks with NTP (chrony, systemd-timesyncd); LEX_AUTH__TOKEN__LEEWAY_SECONDS only absorbs a few seconds.';
  if (Math.abs(skewMs) > CLOCK_FAIL_MS) return { check: 'clock', status: 'fail', message, fix };
  if (Math.abs(skewMs) > CLOCK_WARN_MS) return { check: 'clock', status: 'warn', message, fix };
  return ok('clock', `${message} (within ${CLOCK_WARN_MS} ms)`);
}
