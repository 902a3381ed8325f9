import { Logger } from '@nestjs/common';

/** Tells whether a user can answer the MFA step with a method (e.g. has a passkey). */
export type SecondFactorAvailability = (userId: string) => Promise<boolean>;

/**
 * The second factors a login's MFA step offers besides TOTP. Feature modules beside AuthModule
 * (PasskeysModule) register theirs at boot, so MFA never depends on them; `MfaRequiredError`
 * then lists what the user can answer with (`methods: ["totp", "passkey"]`).
 */
export class SecondFactorMethods {
  private readonly logger = new Logger(SecondFactorMethods.name);
  private readonly methods = new Map<string, SecondFactorAvailability>();

  /** Offers `method` to every user for whom `availableFor` answers true. */
  register(method: string, availableFor: SecondFactorAvailability): void {
    this.methods.set(method, availableFor);
  }

  /**
   * `totp` first, then each registered method the user can use. A method whose check fails is
   * left out (and logged): the list informs the client, it decides nothing.
   */
  async availableFor(userId: string): Promise<string[]> {
    const extra = await Promise.all(
      [...this.methods].map(async ([method, availableFor]) => {
        try {
          return (await availableFor(userId)) ? [method] : [];
        } catch (error) {
          this.logger.warn(`could not tell whether ${method} is available: ${String(error)}`);
          return [];
        }
      }),
    );
    return ['totp', ...extra.flat()];
  }
}
