import { Logger } from '@nestjs/common';
import type { EventEmitter2 } from '@nestjs/event-emitter';
import type { AuthEvent } from './auth-events';

/**
 * Emits the module's audit events on the host's `EventEmitter2` when the host imported
 * `EventEmitterModule.forRoot()`, and does nothing otherwise, so the module never requires it.
 * A listener that throws is logged and never changes an auth decision.
 */
export class AuthEventPublisher {
  private readonly logger = new Logger('AuthEvents');

  /** A publisher that drops every event (no emitter). */
  static readonly none = new AuthEventPublisher(null);

  constructor(private readonly emitter: EventEmitter2 | null) {}

  publish(event: AuthEvent): void {
    if (!this.emitter) return;
    try {
      this.emitter.emit(event.name, event);
    } catch (error) {
      this.logger.error(
        `a listener of ${event.name} failed`,
        error instanceof Error ? error.stack : error,
      );
    }
  }
}
