import { z } from 'zod';
import { JWT_ALGORITHMS } from './auth-settings';
import { instant, integer, json, optionalText } from './setting-parsers';

const previousKey = z.strictObject({
  publicKey: z.string().min(1).describe('PEM text or a file path.'),
  retiredAt: instant.describe(
    'When it stopped signing (ISO 8601 with a zone); its tokens verify until `key_rotation_grace_seconds` after it.',
  ),
});

/** `auth.token`: how tokens are signed, verified and how long they live. */
export const tokenSettingsSchema = z.strictObject({
  secretKey: z.string().min(1).optional().meta({
    description:
      'The HMAC secret for HS*: at least 32 bytes for HS256 (48 for HS384, 64 for HS512) in staging/production.',
    defaultText: 'the top-level `secret_key`',
  }),
  algorithm: z
    .enum(JWT_ALGORITHMS)
    .prefault('HS256')
    .describe(
      "The algorithm tokens are signed with, and the only one accepted. `Ed25519` (RFC 9864) and the deprecated `EdDSA` accept each other's tokens on an Ed25519 key ([keys](../guides/key-rotation.md#choosing-the-token-algorithm)).",
    ),
  privateKey: optionalText.prefault(null).meta({
    description:
      'The current signing key: PEM text (PKCS#8; line breaks may be written `\\n`) or a file path; required for RS256/ES256/Ed25519/EdDSA, and must match `public_key`. An RSA key needs at least 2048 bits ([keys](../guides/key-rotation.md)). Make one: `openssl genpkey -algorithm ed25519 -out private.pem`.',
    example: '/run/secrets/lex-auth/private.pem',
  }),
  publicKey: optionalText.prefault(null).meta({
    description:
      "The current key's public half: PEM text (SPKI) or a file path (`openssl pkey -in private.pem -pubout -out public.pem`).",
    example: '/run/secrets/lex-auth/public.pem',
  }),
  nextPublicKey: optionalText
    .prefault(null)
    .describe(
      "Rotation step 1: the key that will sign next, published in `/.well-known/jwks.json` and accepted before it signs, so instances rolled at different times accept each other's tokens.",
    ),
  previousKeys: json(
    z.array(previousKey, {
      error: 'expected a JSON array of {"public_key": PEM or path, "retired_at": ISO date-time}',
    }),
    [],
  )
    .prefault([])
    .meta({
      description:
        'Rotation step 2: keys that signed before the current one, `[{public_key, retired_at}]` (env: a JSON array). Their tokens verify, and they stay in the JWKS, until `key_rotation_grace_seconds` after `retired_at`.',
      example:
        '[{"public_key":"/run/secrets/lex-auth/old.pub.pem","retired_at":"2025-11-22T09:00:00Z"}]',
      typeText: 'list of {public_key, retired_at}',
      itemTitle: 'Previous keys',
    }),
  keyRotationGraceSeconds: integer(0)
    .prefault(3600)
    .describe(
      'How long after `retired_at` a previous key still verifies tokens and stays in the JWKS.',
    ),
  accessTtlSeconds: integer(1)
    .prefault(1800)
    .describe(
      'Access-token lifetime (30 min); also the longest `exp − iat` an access token may carry, so lowering it refuses longer-lived tokens minted before.',
    ),
  refreshTtlSeconds: integer(1)
    .prefault(604800)
    .describe(
      'Refresh-token lifetime (7 days), each rotation starting a new one; also the longest `exp − iat` a refresh token may carry.',
    ),
  issuer: z
    .string()
    .min(1)
    .prefault('lexigram-auth')
    .describe("Minted as `iss` and required on every token; also the access tokens' `client_id`."),
  audience: optionalText.prefault(null).meta({
    description: 'Minted as `aud` in every token (RFC 9068 requires one).',
    defaultText: 'unset: the `issuer`',
  }),
  requiredAudience: optionalText
    .prefault(null)
    .describe(
      'When set, tokens whose `aud` does not contain it are refused (401 `TokenAudienceError`); unset, no `aud` check. `null` clears one set in a lower layer; set it to the issuer to require the default `aud`.',
    ),
  leewaySeconds: integer(0, 300)
    .prefault(0)
    .describe('Clock skew tolerated on `exp`, `iat`, `nbf` and the lifetime bound.'),
});
