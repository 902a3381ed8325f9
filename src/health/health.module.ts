import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AuthStoresHealthIndicator } from './auth-stores.health-indicator';
import { HealthController } from './health.controller';

@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [AuthStoresHealthIndicator],
})
export class HealthModule {}
