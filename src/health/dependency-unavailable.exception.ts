import { HttpException, type HttpStatus } from '@nestjs/common';

/** A readiness check failed; the message names each dependency that is down. */
export class DependencyUnavailableException extends HttpException {
  constructor(
    readonly dependencies: string[],
    status: HttpStatus,
  ) {
    super(`Not ready: ${dependencies.join(', ') || 'a dependency'} unavailable.`, status);
    this.name = 'DependencyUnavailableError';
  }
}
