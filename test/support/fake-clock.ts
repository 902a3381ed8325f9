import type { Clock } from '../../packages/nest-auth/src/common/clock';

/** A clock the test moves by hand, so expiry is tested without sleeping. */
export class FakeClock {
  private current: number;

  constructor(start = Date.UTC(2025, 10, 22, 12, 0, 0)) {
    this.current = start;
  }

  /** Pass this to the store under test. */
  readonly now: Clock = () => this.current;

  advance(ms: number): void {
    this.current += ms;
  }

  advanceSeconds(seconds: number): void {
    this.advance(seconds * 1000);
  }
}
