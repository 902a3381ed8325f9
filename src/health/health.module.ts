import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { GracefulShutdownModule } from '@lexigram/nest-auth';
import { AuthHealthIndicator } from '@lexigram/nest-auth/terminus';
import { HealthController } from './health.controller';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), GracefulShutdownModule],
  controllers: [HealthController],
  providers: [AuthHealthIndicator],
})
export class HealthModule {}
