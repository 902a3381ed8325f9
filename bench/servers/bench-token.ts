/** The HS256 secret the reference servers verify with, and a token they accept. */
import { createSigner } from 'fast-jwt';

export const BENCH_SECRET =
  process.env.BENCH_SECRET ?? 'bench-secret-of-at-least-32-bytes-0123456789';

/** An HS256 token for the reference servers, valid for an hour. */
export function referenceToken(): string {
  const sign = createSigner({ key: BENCH_SECRET, algorithm: 'HS256', expiresIn: 3_600_000 });
  return sign({ sub: 'bench-user', username: 'bench' });
}

export const benchPort = (): number => Number(process.env.PORT ?? 3100);
