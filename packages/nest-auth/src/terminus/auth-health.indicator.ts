import { Injectable } from '@nestjs/common';
import { type HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { AuthStoreHealth } from '../stores/auth-store-health';

/**
 * The module's own stores (Redis under `store: 'redis'`) as terminus checks, one key per store
 * (none when the module keeps everything in the host's database). Provide it in the module that
 * imports `TerminusModule` and answers readiness:
 * `health.check([() => authHealth.check()])`.
 */
@Injectable()
export class AuthHealthIndicator {
  constructor(
    private readonly stores: AuthStoreHealth,
    private readonly indicators: HealthIndicatorService,
  ) {}

  /** Each store up, or down with its message; terminus answers 503 when any is down. */
  async check(): Promise<HealthIndicatorResult> {
    const result: HealthIndicatorResult = {};
    for (const [name, health] of Object.entries(await this.stores.check())) {
      const indicator = this.indicators.check(name);
      Object.assign(
        result,
        health.up ? indicator.up() : indicator.down({ message: health.message }),
      );
    }
    return result;
  }
}
