import { Controller, Get, HttpStatus, ServiceUnavailableException } from '@nestjs/common';
import {
  HealthCheck,
  type HealthCheckResult,
  HealthCheckService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { GracefulShutdown, Public } from '@lexigram/nest-auth';
import { AuthHealthIndicator } from '@lexigram/nest-auth/terminus';
import { DependencyUnavailableException } from './dependency-unavailable.exception';
import { ShuttingDownException } from './shutting-down.exception';

/**
 * `/health/live`: the process answers. `/health/ready` (and `/health`): the database and the auth
 * stores (Redis when used) answer;
 * otherwise 503 naming the ones that do not, so a load balancer takes the instance out. From
 * SIGTERM on, readiness is 503 at once (the instance drains); liveness stays 200.
 */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly authStores: AuthHealthIndicator,
    private readonly shutdown: GracefulShutdown,
  ) {}

  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.ready();
  }

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  async ready(): Promise<HealthCheckResult> {
    if (this.shutdown.shuttingDown) throw new ShuttingDownException();
    try {
      return await this.health.check([
        () => this.db.pingCheck('database', { timeout: 1500 }),
        () => this.authStores.check(),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as HealthCheckResult;
      throw new DependencyUnavailableException(
        Object.keys(result.error ?? {}),
        HttpStatus.SERVICE_UNAVAILABLE,
      );
    }
  }
}
