import { type DynamicModule, Module } from '@nestjs/common';
import { JwksController } from './jwks.controller';

/**
 * `GET /.well-known/jwks.json`, in a module of its own so it stays at the root whatever the
 * `basePath` of the other routes: verifiers look for it there.
 */
@Module({})
export class JwksModule {
  /** @param core the module's shared services: what `AuthModule` composes it with */
  static register(core: DynamicModule): DynamicModule {
    return { module: JwksModule, imports: [core], controllers: [JwksController] };
  }
}
