import type { AbstractHttpAdapter } from '@nestjs/core';
import type { HttpAdapterName } from '../config/app-config';

/**
 * The HTTP platform for `HTTP_ADAPTER`. Fastify takes `trustProxy` when it is made (it cannot
 * change later); Express gets it in `configureApp`, and both get the body rule there. Only the chosen platform
 * is loaded: the other one's module tree would add to every boot.
 */
export async function createHttpAdapter(
  name: HttpAdapterName,
  trustProxy: boolean | number | string | null,
): Promise<AbstractHttpAdapter> {
  if (name === 'express') return new (await import('@nestjs/platform-express')).ExpressAdapter();
  const { FastifyAdapter } = await import('@nestjs/platform-fastify');
  return new FastifyAdapter({
    // Behind a load balancer, req.ip (the rate limit's key) must be the client, not the balancer.
    ...(trustProxy !== null && { trustProxy }),
  });
}
