import type { INestApplication } from '@nestjs/common';
import { GracefulShutdown, type GracefulShutdownOptions } from './graceful-shutdown';

/**
 * Starts graceful shutdown on `app` (use it instead of `app.enableShutdownHooks()`, whose handler
 * would close the server at once and end the process by the signal).
 * @throws Error when no module imports `GracefulShutdownModule`.
 */
export function enableGracefulShutdown(
  app: INestApplication,
  options: GracefulShutdownOptions = {},
): GracefulShutdown {
  let shutdown: GracefulShutdown;
  try {
    shutdown = app.get(GracefulShutdown, { strict: false });
  } catch {
    throw new Error(
      'enableGracefulShutdown: import GracefulShutdownModule in the module that answers ' +
        'readiness (e.g. the health module), so readiness can answer 503 while draining.',
    );
  }
  shutdown.enable(app, options);
  return shutdown;
}
