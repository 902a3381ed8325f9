import { type ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { loginSchema } from '../dto/auth-request.schemas';
import { parseBody } from '../dto/parse-body';
import { InvalidCredentialsError } from '../errors/auth.errors';
import { LOCAL_STRATEGY } from '../strategies/local.strategy';

/**
 * Runs the `lex-local` strategy. Guards run before pipes, so the body is validated here first:
 * a malformed login is a 400, not passport's 401 "Missing credentials".
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard(LOCAL_STRATEGY) {
  override canActivate(context: ExecutionContext) {
    const request = context.switchToHttp().getRequest<{ body: unknown }>();
    request.body = parseBody(loginSchema, request.body);
    return super.canActivate(context);
  }

  override handleRequest<TUser>(error: Error | null, user: TUser | false): TUser {
    if (error) throw error;
    if (!user) throw new InvalidCredentialsError();
    return user;
  }
}
