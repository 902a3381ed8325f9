import type { AbstractHttpAdapter } from '@nestjs/core';
import type { HttpAdapterName } from '../config/app-config';

/** Request bodies beyond this many bytes are refused with 413 before they are parsed. */
export const JSON_BODY_LIMIT_BYTES = 16 * 1024;

/**
 * The HTTP platform for `HTTP_ADAPTER`. Fastify takes its body limit and `trustProxy` when it is
 * made (they cannot change later); Express gets both in `configureApp`. Only the chosen platform
 * is loaded: the other one's module tree would add to every boot.
 */
export async function createHttpAdapter(
  name: HttpAdapterName,
  trustProxy: boolean | number | string | null,
): Promise<AbstractHttpAdapter> {
  if (name === 'express') return new (await import('@nestjs/platform-express')).ExpressAdapter();
  const { FastifyAdapter } = await import('@nestjs/platform-fastify');
  return new FastifyAdapter({
    bodyLimit: JSON_BODY_LIMIT_BYTES,
    // Behind a load balancer, req.ip (the rate limit's key) must be the client, not the balancer.
    ...(trustProxy !== null && { trustProxy }),
  });
}
