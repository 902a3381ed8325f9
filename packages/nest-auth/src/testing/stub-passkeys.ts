import type { OnModuleInit } from '@nestjs/common';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import {
  createHash,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  randomUUID,
  sign,
} from 'node:crypto';
import type { AuthClock } from '../common/auth-clock';
import { normalizeIdentifier } from '../common/normalize-identifier';
import type { PasskeyStore } from '../passkeys/passkey-store';
import { relyingPartyOf } from '../passkeys/passkey-relying-party';
import { userHandleOf } from '../passkeys/user-handle';
import { webauthnHelpers } from '../passkeys/webauthn-library';
import type { AuthConfig } from '../settings/auth-config';
import type { UserStore } from '../user-store/user-store';

/** A stub user's passkey: the email it belongs to and its name. */
export interface StubPasskeySeed {
  email: string;
  name: string;
}

/** How a stub assertion is made. */
export interface StubAnswerOptions {
  /** Which of the user's passkeys. @default the first */
  name?: string;
  /** Whether the authenticator verified the person. @default true */
  userVerified?: boolean;
  /** Sign with this counter instead of the next one: a cloned authenticator. */
  counter?: number;
}

interface SoftwareCredential {
  email: string;
  name: string;
  credentialId: string;
  userId: string;
  privateKey: KeyObject;
  counter: number;
}

// Authenticator data flags (WebAuthn §6.1): user present, user verified, attested data included.
const UP = 0x01;
const UV = 0x04;
const AT = 0x40;
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();
const b64url = (data: Uint8Array) => Buffer.from(data).toString('base64url');

/** A P-256 key pair and its public half as a COSE_Key (RFC 9053: EC2, ES256, P-256, x, y). */
async function es256KeyPair(): Promise<{ privateKey: KeyObject; cose: Uint8Array }> {
  const { isoCBOR } = await webauthnHelpers();
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const cose = new Map<number, number | Uint8Array>([
    [1, 2],
    [3, -7],
    [-1, 1],
    [-2, new Uint8Array(Buffer.from(jwk.x!, 'base64url'))],
    [-3, new Uint8Array(Buffer.from(jwk.y!, 'base64url'))],
  ]);
  return { privateKey, cose: isoCBOR.encode(cose) };
}

/**
 * A software authenticator for host tests (`app.get(StubPasskeys)` with `AuthModule.stub()`):
 * the stub users' `passkeys` are real P-256 keys in the passkey store, `create` answers the
 * server's registration options (attestation `none`) and `answer` signs sign-in assertions, so
 * a host test drives every `/auth/passkeys` route over HTTP without a browser.
 */
export class StubPasskeys implements OnModuleInit {
  private readonly credentials: SoftwareCredential[] = [];

  constructor(
    private readonly seeds: StubPasskeySeed[],
    private readonly store: PasskeyStore,
    private readonly users: UserStore,
    private readonly config: AuthConfig,
    private readonly clock: AuthClock,
  ) {}

  async onModuleInit(): Promise<void> {
    for (const seed of this.seeds) {
      const user = await this.users.findByEmail(normalizeIdentifier(seed.email));
      if (user) await this.seed(seed, user.id);
    }
  }

  /**
   * The authenticator's answer to `POST /auth/passkeys/registration/options` for a known user;
   * send it to `…/registration/verify`, then `answer` signs in with the new passkey.
   * @throws Error for an email the user store does not know
   */
  async create(
    email: string,
    options: { challenge: string },
    name = 'Stub passkey',
  ): Promise<RegistrationResponseJSON> {
    const user = await this.users.findByEmail(normalizeIdentifier(email));
    if (!user) throw new Error(`StubPasskeys: no user ${email}`);
    const { privateKey, cose } = await es256KeyPair();
    const id = randomBytes(16);
    this.remember({ email, name, credentialId: b64url(id), userId: user.id, privateKey });
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(id.length);
    const attested = Buffer.concat([Buffer.alloc(16), idLength, id, cose]);
    const authData = Buffer.concat([this.header(UP | UV | AT, 0), attested]);
    const attestation = new Map<string, unknown>([
      ['fmt', 'none'],
      ['attStmt', new Map()],
      ['authData', new Uint8Array(authData)],
    ]);
    return {
      ...{ id: b64url(id), rawId: b64url(id), type: 'public-key', clientExtensionResults: {} },
      response: {
        clientDataJSON: this.clientData('webauthn.create', options.challenge),
        attestationObject: b64url((await webauthnHelpers()).isoCBOR.encode(attestation as never)),
        transports: ['internal'],
      },
    };
  }

  /**
   * An assertion of `email`'s passkey for the server's request options, made on the first
   * configured origin.
   * @throws Error when the user has no such stub passkey
   */
  answer(
    email: string,
    options: { challenge: string },
    { name, userVerified = true, counter }: StubAnswerOptions = {},
  ): AuthenticationResponseJSON {
    const key = normalizeIdentifier(email);
    const credential = this.credentials.find(
      (c) => c.email === key && (name === undefined || c.name === name),
    );
    if (!credential) throw new Error(`StubPasskeys: ${email} has no stub passkey ${name ?? ''}`);
    if (counter === undefined) credential.counter += 1;
    const flags = UP | (userVerified ? UV : 0);
    const authData = this.header(flags, counter ?? credential.counter);
    const clientDataJSON = this.clientData('webauthn.get', options.challenge);
    const signed = Buffer.concat([authData, sha256(Buffer.from(clientDataJSON, 'base64url'))]);
    return {
      ...{ id: credential.credentialId, rawId: credential.credentialId, type: 'public-key' },
      clientExtensionResults: {},
      response: {
        clientDataJSON,
        authenticatorData: b64url(authData),
        signature: b64url(sign('sha256', signed, credential.privateKey)),
        userHandle: b64url(userHandleOf(credential.userId)),
      },
    };
  }

  /** rpIdHash, flags and the signature counter: the start of all authenticator data. */
  private header(flags: number, counter: number): Buffer {
    const count = Buffer.alloc(4);
    count.writeUInt32BE(counter);
    return Buffer.concat([sha256(relyingPartyOf(this.config).rpId), Buffer.from([flags]), count]);
  }

  private clientData(type: string, challenge: string): string {
    const origin = relyingPartyOf(this.config).origins[0];
    return b64url(Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false })));
  }

  private remember(credential: Omit<SoftwareCredential, 'counter'>): void {
    this.credentials.push({
      ...credential,
      email: normalizeIdentifier(credential.email),
      counter: 0,
    });
  }

  private async seed(seed: StubPasskeySeed, userId: string): Promise<void> {
    const { privateKey, cose } = await es256KeyPair();
    const credentialId = randomBytes(16).toString('base64url');
    await this.store.insert(
      {
        ...{ id: randomUUID(), userId, credentialId, publicKey: b64url(cose) },
        ...{ counter: 0, transports: ['internal'], deviceType: 'singleDevice', backedUp: false },
        ...{ name: seed.name, createdAt: new Date(this.clock.now()), lastUsedAt: null },
      },
      Number.MAX_SAFE_INTEGER,
    );
    this.remember({ ...seed, credentialId, userId, privateKey });
  }
}
