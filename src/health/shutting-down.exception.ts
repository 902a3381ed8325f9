import { ServiceUnavailableException } from '@nestjs/common';

/** Readiness while the instance drains: the load balancer should send its traffic elsewhere. */
export class ShuttingDownException extends ServiceUnavailableException {
  constructor() {
    super('Shutting down: this instance takes no new requests.');
    this.name = 'ShuttingDownError';
  }
}
