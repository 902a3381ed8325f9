/**
 * Sign/verify rates of the module's token path (TokenService: jose signs, node:crypto verifies, pinned
 * verification) for each algorithm, and password verification rates of bcrypt cost 12 vs
 * argon2id at the OWASP defaults. Prints Markdown tables.
 *
 *   npm run bench:tokens                    # 3 s per measurement
 *   BENCH_SECONDS=1 npm run bench:tokens    # quicker, noisier
 */
import * as jwt from 'jsonwebtoken';
import { createPrivateKey, createPublicKey, createSecretKey } from 'node:crypto';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { JwtAlgorithm } from '../packages/nest-auth/src/settings/auth-settings';
import { loadAuthConfig } from '../packages/nest-auth/src/settings/load-auth-config';
import { Argon2idPasswordHasher } from '../packages/nest-auth/src/passwords/argon2id-password-hasher';
import { BcryptPasswordHasher } from '../packages/nest-auth/src/passwords/bcrypt-password-hasher';
import type { PasswordHasher } from '../packages/nest-auth/src/passwords/password-hasher';
import { testKeyPair } from '../packages/nest-auth/src/testing/test-key-pair';
import { TokenService } from '../packages/nest-auth/src/tokens/token.service';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const PASSWORD = 'correct horse battery staple';
/** libuv's thread pool, where bcrypt and argon2 hash. */
const POOL = Number(process.env.UV_THREADPOOL_SIZE ?? 4);

/** Runs `op` back to back for `SECONDS` (after a short warm-up) on `lanes` parallel loops. */
async function opsPerSecond(op: () => Promise<unknown>, lanes = 1): Promise<number> {
  for (let i = 0; i < 5; i += 1) await op();
  let count = 0;
  const start = performance.now();
  const end = start + SECONDS * 1000;
  const lane = async () => {
    while (performance.now() < end) {
      await op();
      count += 1;
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return count / ((performance.now() - start) / 1000);
}

function tokenServiceFor(algorithm: JwtAlgorithm): TokenService {
  const keys = algorithm.startsWith('HS')
    ? { secretKey: 'bench-secret-of-at-least-32-bytes-0123456789' }
    : testKeyPair(algorithm as 'RS256' | 'ES256' | 'EdDSA');
  const config = loadAuthConfig({ env: {}, configFile: false, token: { algorithm, ...keys } });
  return new TokenService(config);
}

async function tokenRows(): Promise<string[]> {
  const rows: string[] = [];
  for (const algorithm of ['HS256', 'RS256', 'ES256', 'EdDSA'] as const) {
    const service = tokenServiceFor(algorithm);
    const token = await service.sign('access', 'user-1', 'session-1', 1800);
    const sign = await opsPerSecond(() => service.sign('access', 'user-1', 'session-1', 1800));
    const verify = await opsPerSecond(() => service.verify(token, 'access'));
    rows.push(`| ${algorithm} | ${format(sign)} | ${format(verify)} |`);
  }
  return rows;
}

/** jsonwebtoken 9 (under @nestjs/jwt) on the same KeyObjects: a reference; it has no EdDSA. */
async function jsonwebtokenRows(): Promise<string[]> {
  const rows: string[] = [];
  for (const algorithm of ['HS256', 'RS256', 'ES256'] as const) {
    const pair = algorithm === 'HS256' ? null : testKeyPair(algorithm);
    const secret = createSecretKey(Buffer.from('bench-secret-of-at-least-32-bytes-0123456789'));
    const signing = pair ? createPrivateKey(pair.privateKey) : secret;
    const verifying = pair ? createPublicKey(pair.publicKey) : secret;
    const claims = () => ({ sub: 'user-1', sid: 'session-1', iss: 'lexigram-auth' });
    const sign = () => Promise.resolve(jwt.sign(claims(), signing, { algorithm, expiresIn: 1800 }));
    const token = await sign();
    const verify = () => Promise.resolve(jwt.verify(token, verifying, { algorithms: [algorithm] }));
    rows.push(
      `| ${algorithm} | ${format(await opsPerSecond(sign))} | ${format(await opsPerSecond(verify))} |`,
    );
  }
  return rows;
}

async function hashRows(): Promise<string[]> {
  const hashers: [string, PasswordHasher][] = [
    ['bcrypt, cost 12', new BcryptPasswordHasher(12)],
    ['argon2id, m=19456 KiB t=2 p=1 (OWASP)', new Argon2idPasswordHasher()],
  ];
  const rows: string[] = [];
  for (const [name, hasher] of hashers) {
    const hash = await hasher.hash(PASSWORD);
    const one = await opsPerSecond(() => hasher.verify(PASSWORD, hash));
    const pool = await opsPerSecond(() => hasher.verify(PASSWORD, hash), POOL);
    rows.push(`| ${name} | ${format(one)} | ${format(pool)} |`);
  }
  return rows;
}

const format = (rate: number): string =>
  rate >= 100 ? Math.round(rate).toLocaleString('en-US') : rate.toFixed(1);

async function main(): Promise<void> {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(`Node ${process.version}, ${cpus().length} × ${cpu}, ${SECONDS} s per cell\n`);
  console.log('| TokenService (jose sign, sync node:crypto verify) | sign / s | verify / s |');
  console.log('|---|---:|---:|');
  for (const row of await tokenRows()) console.log(row);
  console.log('\n| jsonwebtoken 9, for reference | sign / s | verify / s |');
  console.log('|---|---:|---:|');
  for (const row of await jsonwebtokenRows()) console.log(row);
  console.log(
    `\n| password hash | verify / s (one at a time) | verify / s (${POOL} in parallel) |`,
  );
  console.log('|---|---:|---:|');
  for (const row of await hashRows()) console.log(row);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
