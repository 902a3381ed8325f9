import { Controller, Get, Header, NotFoundException } from '@nestjs/common';
import { Public } from '../decorators/public.decorator';
import type { JsonWebKeySet } from './token-key-ring';
import { TokenService } from './token.service';

/** Verifiers refetch at most every 5 minutes; a new key is published before it signs. */
const JWKS_CACHE_CONTROL = 'public, max-age=300';

/**
 * `GET /.well-known/jwks.json`: the public keys (RFC 7517) other services verify our tokens
 * with, so they never hold a secret. Lists every key still valid: current, next and retired
 * within their grace period. 404 with HS*, whose shared secret is never published.
 */
@Controller('.well-known')
export class JwksController {
  constructor(private readonly tokens: TokenService) {}

  @Public()
  @Get('jwks.json')
  @Header('Cache-Control', JWKS_CACHE_CONTROL)
  jwks(): JsonWebKeySet {
    const keys = this.tokens.jwks();
    if (!keys) {
      throw new NotFoundException(
        'No JWKS: tokens are signed with a shared HMAC secret, which is never published. ' +
          'Set LEX_AUTH__TOKEN__ALGORITHM to RS256, ES256 or Ed25519 to publish public keys.',
      );
    }
    return keys;
  }
}
