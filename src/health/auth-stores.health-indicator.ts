import { Injectable } from '@nestjs/common';
import { type HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { AuthStoreHealth } from '@lexigram/nest-auth';

/** The auth module's own stores (Redis under `store: 'redis'`) as terminus checks. */
@Injectable()
export class AuthStoresHealthIndicator {
  constructor(
    private readonly stores: AuthStoreHealth,
    private readonly indicators: HealthIndicatorService,
  ) {}

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
