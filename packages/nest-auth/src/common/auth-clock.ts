import { type Clock, systemClock } from './clock';

/**
 * Injection token for the clock the module reads (epoch ms). Tests replace it to move time
 * without waiting; production uses the system clock.
 */
export abstract class AuthClock {
  abstract now(): number;

  static from(clock: Clock = systemClock): AuthClock {
    return { now: clock };
  }
}
