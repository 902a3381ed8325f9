import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import {
  AuthConfig,
  FeatureDisabledError,
  PasskeyAuthenticationService,
} from '@lexigram/nest-auth';

/** What the pages may offer of passkeys, written into each page as `data-` attributes. */
export interface PasskeyOffer {
  /** The account page's passkeys panel (and the MFA step's passkey button, per user). */
  manage: boolean;
  /** The sign-in page's "Sign in with a passkey" button. */
  signIn: boolean;
}

/**
 * The passkey side of the pages, when the host mounted `PasskeysModule` (optional: without it the
 * pages show no passkey at all). Looked up once, anywhere in the app, since `PasskeysModule` is
 * not global and the pages must not import a second copy of it.
 */
@Injectable()
export class PagesPasskeys implements OnModuleInit {
  private service: PasskeyAuthenticationService | null = null;

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly config: AuthConfig,
  ) {}

  onModuleInit(): void {
    try {
      this.service = this.moduleRef.get(PasskeyAuthenticationService, { strict: false });
    } catch {
      this.service = null; // PasskeysModule is not mounted
    }
  }

  offer(): PasskeyOffer {
    const { enabled, asFirstFactor } = this.config.passkeys;
    const manage = this.service !== null && enabled;
    return { manage, signIn: manage && asFirstFactor };
  }

  /** @throws FeatureDisabledError (404) when the host has no PasskeysModule */
  authentication(): PasskeyAuthenticationService {
    if (!this.service) throw new FeatureDisabledError('Passkeys');
    return this.service;
  }
}
