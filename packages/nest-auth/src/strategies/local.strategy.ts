import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { CredentialsVerifier } from '../credentials/credentials-verifier';
import type { AuthUser } from '../user-store/user-store';

/** passport-local, under a name of its own: passport's registry is global to the process. */
export const LOCAL_STRATEGY = 'lex-local';

/** Email + password from the JSON body, checked by `CredentialsVerifier`. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, LOCAL_STRATEGY) {
  constructor(private readonly credentials: CredentialsVerifier) {
    super({ usernameField: 'email', passwordField: 'password', session: false });
  }

  validate(email: string, password: string): Promise<AuthUser> {
    return this.credentials.verify(email, password);
  }
}
