import { type Browser, type CDPSession, chromium, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Debian's chromium, headless: CI has no network and runs as root, where the sandbox cannot start.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A credential as the DevTools protocol's WebAuthn domain describes it. */
export interface VirtualCredential {
  credentialId: string;
  isResidentCredential: boolean;
  rpId?: string;
  privateKey: string;
  userHandle?: string;
  signCount: number;
}

export interface AuthenticatorSettings {
  /** Whether the authenticator verifies the person (a PIN, a fingerprint). @default true */
  isUserVerified?: boolean;
}

/**
 * A page of a real headless Chromium on `origin`, with virtual authenticators from the DevTools
 * protocol's WebAuthn domain (CTAP2, internal, resident keys, user verification): the ceremonies
 * run in the browser exactly as a person's would, without a person.
 */
export class PasskeyBrowser {
  private constructor(
    private readonly browser: Browser,
    readonly page: Page,
    private readonly cdp: CDPSession,
    public authenticatorId: string,
  ) {}

  /** Opens `url` (a page of the app, so the page's origin is the app's) with one authenticator. */
  static async open(url: string, settings: AuthenticatorSettings = {}): Promise<PasskeyBrowser> {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    await page.goto(url);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable', { enableUI: false });
    const id = await PasskeyBrowser.addAuthenticator(cdp, settings);
    return new PasskeyBrowser(browser, page, cdp, id);
  }

  private static async addAuthenticator(
    cdp: CDPSession,
    { isUserVerified = true }: AuthenticatorSettings,
  ): Promise<string> {
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified,
        automaticPresenceSimulation: true,
      },
    });
    return authenticatorId;
  }

  /** Swaps the current authenticator for a new, empty one (a second device). */
  async replaceAuthenticator(settings: AuthenticatorSettings = {}): Promise<void> {
    await this.cdp.send('WebAuthn.removeVirtualAuthenticator', {
      authenticatorId: this.authenticatorId,
    });
    this.authenticatorId = await PasskeyBrowser.addAuthenticator(this.cdp, settings);
  }

  async credentials(): Promise<VirtualCredential[]> {
    const { credentials } = await this.cdp.send('WebAuthn.getCredentials', {
      authenticatorId: this.authenticatorId,
    });
    return credentials;
  }

  async addCredential(credential: VirtualCredential): Promise<void> {
    await this.cdp.send('WebAuthn.addCredential', {
      authenticatorId: this.authenticatorId,
      credential,
    });
  }

  async setUserVerified(isUserVerified: boolean): Promise<void> {
    await this.cdp.send('WebAuthn.setUserVerified', {
      authenticatorId: this.authenticatorId,
      isUserVerified,
    });
  }

  /** `navigator.credentials.create()` with the server's options; the credential's JSON. */
  create(options: unknown): Promise<Record<string, unknown>> {
    return this.ceremony('create', 'parseCreationOptionsFromJSON', options);
  }

  /** `navigator.credentials.get()` with the server's options; the assertion's JSON. */
  get(options: unknown): Promise<Record<string, unknown>> {
    return this.ceremony('get', 'parseRequestOptionsFromJSON', options);
  }

  /**
   * Runs the ceremony in the page with the browser's own JSON codecs (WebAuthn Level 3), as text:
   * this project compiles without the DOM library.
   */
  private ceremony(
    call: 'create' | 'get',
    parse: string,
    options: unknown,
  ): Promise<Record<string, unknown>> {
    return this.page.evaluate(`(async () => {
      const publicKey = PublicKeyCredential.${parse}(${JSON.stringify(options)});
      const credential = await navigator.credentials.${call}({ publicKey });
      return credential.toJSON();
    })()`);
  }

  close(): Promise<void> {
    return this.browser.close();
  }
}
