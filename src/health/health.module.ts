import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { GracefulShutdownModule } from '@lexigram/nest-auth';
import { AuthStoresHealthIndicator } from './auth-stores.health-indicator';
import { HealthController } from './health.controller';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), GracefulShutdownModule],
  controllers: [HealthController],
  providers: [AuthStoresHealthIndicator],
})
export class HealthModule {}
