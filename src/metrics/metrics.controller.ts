import { Controller, Get, Header } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { AuthMetrics, Public } from '../auth';

/** Prometheus text: the process's default metrics and the auth module's. */
@Public()
@Controller('metrics')
export class MetricsController {
  private readonly registry: Registry;

  constructor(authMetrics: AuthMetrics) {
    const process = new Registry();
    collectDefaultMetrics({ register: process });
    this.registry = Registry.merge([process, authMetrics.registry]);
  }

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
