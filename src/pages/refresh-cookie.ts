import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { parse, serialize } from 'cookie';
import { AuthConfig, type TokenPair } from '@lexigram/nest-auth';

/** The cookie's name and the only path it is sent to: the pages' session routes. */
export const REFRESH_COOKIE = 'lexigram_pages_refresh';
export const SESSION_PATH = '/pages/session';

/** What the pages' script gets: the access token, never the refresh token. */
export interface PagesAccess {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

interface CookieRequest {
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Keeps the pages' refresh token where script cannot read it: HttpOnly, Secure (browsers treat
 * http://localhost as secure), SameSite=Strict, and sent only to `/pages/session`, never to the
 * JSON API, whose routes read no cookie at all.
 */
@Injectable()
export class RefreshCookie {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: AuthConfig,
  ) {}

  read(request: CookieRequest): string | null {
    const header = request.headers.cookie;
    if (typeof header !== 'string') return null;
    return parse(header)[REFRESH_COOKIE] || null;
  }

  /** Stores the pair's refresh token and returns the rest for the script. */
  hand(response: unknown, pair: TokenPair): PagesAccess {
    this.set(response, pair.refresh_token, this.config.token.refreshTtlSeconds);
    return { access_token: pair.access_token, token_type: 'Bearer', expires_in: pair.expires_in };
  }

  clear(response: unknown): void {
    this.set(response, '', 0);
  }

  private set(response: unknown, value: string, maxAge: number): void {
    const cookie = serialize(REFRESH_COOKIE, value, {
      httpOnly: true,
      secure: true,
      sameSite: 'strict',
      path: SESSION_PATH,
      maxAge,
    });
    this.adapterHost.httpAdapter.setHeader(response, 'Set-Cookie', cookie);
  }
}
