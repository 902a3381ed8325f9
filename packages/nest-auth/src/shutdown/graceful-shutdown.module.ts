import { Module } from '@nestjs/common';
import { GracefulShutdown } from './graceful-shutdown';

/**
 * Provides `GracefulShutdown`: import it where readiness is answered (the health module), then
 * start it in `main.ts` with `enableGracefulShutdown(app, options)`.
 */
@Module({ providers: [GracefulShutdown], exports: [GracefulShutdown] })
export class GracefulShutdownModule {}
