import type {
  ApiKeySettings,
  AuthEnvironment,
  MailSettings,
  MfaSettings,
  OneTimeLinkSettings,
  PasskeySettings,
  RoleSettings,
  AuthSettings,
  PasswordSettings,
  RateLimit,
  StoreKind,
  TokenSettings,
} from './auth-settings';
import type { OidcSettings } from './oidc-settings';

/** Where an effective setting came from, lowest precedence first. */
export type SettingSource = 'default' | 'options' | 'yaml' | 'env';

/**
 * The effective auth configuration, validated at boot. Injectable by type:
 * `app.get(AuthConfig).token.accessTtlSeconds`.
 */
export class AuthConfig implements AuthSettings {
  readonly environment!: AuthEnvironment;
  readonly secretKey!: string;
  readonly token!: Readonly<TokenSettings>;
  readonly maxFailedAttempts!: number;
  readonly lockoutDurationSeconds!: number;
  readonly loginRateLimit!: Readonly<RateLimit>;
  readonly password!: Readonly<PasswordSettings>;
  readonly store!: StoreKind;
  readonly redisUrl!: string | null;
  readonly maxSessionsPerUser!: number;
  readonly roles!: Readonly<Record<string, RoleSettings>>;
  readonly defaultRoles!: string[];
  readonly requireVerifiedEmail!: boolean;
  readonly emailVerification!: Readonly<OneTimeLinkSettings>;
  readonly passwordReset!: Readonly<OneTimeLinkSettings>;
  readonly mail!: Readonly<MailSettings>;
  readonly mfa!: Readonly<MfaSettings>;
  readonly apiKeys!: Readonly<ApiKeySettings>;
  readonly oidc!: Readonly<OidcSettings>;
  readonly passkeys!: Readonly<PasskeySettings>;

  /**
   * @param settings the validated settings
   * @param sources dotted camelCase path (`token.issuer`) → the layer that set it
   */
  constructor(
    settings: AuthSettings,
    readonly sources: Readonly<Record<string, SettingSource>> = {},
  ) {
    Object.assign(this, settings);
    Object.freeze(this.token);
    Object.freeze(this.password);
    for (const section of [this.emailVerification, this.passwordReset, this.mail, this.mfa])
      Object.freeze(section);
    Object.freeze(this.apiKeys);
    for (const provider of this.oidc.providers) Object.freeze(provider);
    Object.freeze(this.oidc.providers);
    Object.freeze(this.oidc);
    Object.freeze(this.passkeys.origins);
    Object.freeze(this.passkeys);
    Object.freeze(this.roles);
    Object.freeze(this);
  }

  /** True in staging and production, where insecure settings stop the boot. */
  get isDeployed(): boolean {
    return this.environment === 'staging' || this.environment === 'production';
  }
}
