import type { OnModuleInit } from '@nestjs/common';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { isoCBOR } from '@simplewebauthn/server/helpers';
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
import type { AuthConfig } from '../settings/auth-config';
import type { UserStore } from '../user-store/user-store';

/** A stub user's passkey: the email it belongs to and its name. */
export interface StubPasskeySeed {
  email: string;
  name: string;
}

interface SoftwareCredential {
  email: string;
  name: string;
  credentialId: string;
  userId: string;
  privateKey: KeyObject;
  counter: number;
}

const FLAG_USER_PRESENT = 0x01;
const FLAG_USER_VERIFIED = 0x04;
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();
const b64url = (data: Uint8Array) => Buffer.from(data).toString('base64url');

/**
 * A software authenticator for the stub's users' passkeys (`stub({ users: [{ passkeys }] })`):
 * each passkey is a real P-256 key registered in the passkey store, and `answer` signs real
 * assertions for the options the server gives, so a host test drives
 * `/auth/passkeys/authentication/*` without a browser. `app.get(StubPasskeys)`.
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
      if (user) await this.register(seed, user.id);
    }
  }

  /**
   * An assertion of `email`'s passkey (the one named `name`, else its first) for the server's
   * request options, made on the configured origin with user verification unless told otherwise.
   * @throws Error when the stub user has no such passkey
   */
  answer(
    email: string,
    options: { challenge: string },
    { name, userVerified = true }: { name?: string; userVerified?: boolean } = {},
  ): AuthenticationResponseJSON {
    const key = normalizeIdentifier(email);
    const credential = this.credentials.find(
      (c) => c.email === key && (name === undefined || c.name === name),
    );
    if (!credential) throw new Error(`StubPasskeys: ${email} has no stub passkey ${name ?? ''}`);
    const rp = relyingPartyOf(this.config);
    const clientData = JSON.stringify({
      ...{ type: 'webauthn.get', challenge: options.challenge, origin: rp.origins[0] },
      crossOrigin: false,
    });
    const authData = this.authenticatorData(rp.rpId, credential, userVerified);
    const signature = sign(
      'sha256',
      Buffer.concat([authData, sha256(clientData)]),
      credential.privateKey,
    );
    return {
      ...{ id: credential.credentialId, rawId: credential.credentialId, type: 'public-key' },
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64url(Buffer.from(clientData)),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        userHandle: b64url(userHandleOf(credential.userId)),
      },
    };
  }

  /** rpIdHash, flags and the signature counter (WebAuthn §6.1), the counter advanced per use. */
  private authenticatorData(rpId: string, credential: SoftwareCredential, uv: boolean): Buffer {
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE((credential.counter += 1));
    const flags = FLAG_USER_PRESENT | (uv ? FLAG_USER_VERIFIED : 0);
    return Buffer.concat([sha256(rpId), Buffer.from([flags]), counter]);
  }

  private async register(seed: StubPasskeySeed, userId: string): Promise<void> {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    // The COSE_Key of an ES256 public key (RFC 9053): kty EC2, alg -7, crv P-256, x, y.
    const cose = new Map<number, number | Uint8Array>([
      ...([
        [1, 2],
        [3, -7],
        [-1, 1],
      ] as [number, number][]),
      [-2, new Uint8Array(Buffer.from(jwk.x!, 'base64url'))],
      [-3, new Uint8Array(Buffer.from(jwk.y!, 'base64url'))],
    ]);
    const credentialId = randomBytes(16).toString('base64url');
    await this.store.insert(
      {
        ...{ id: randomUUID(), userId, credentialId, publicKey: b64url(isoCBOR.encode(cose)) },
        ...{ counter: 0, transports: ['internal'], deviceType: 'singleDevice', backedUp: false },
        ...{ name: seed.name, createdAt: new Date(this.clock.now()), lastUsedAt: null },
      },
      Number.MAX_SAFE_INTEGER,
    );
    this.credentials.push({
      ...seed,
      email: normalizeIdentifier(seed.email),
      credentialId,
      userId,
      privateKey,
      counter: 0,
    });
  }
}
