/**
 * Reference: the NestJS docs recipe (docs.nestjs.com/recipes/passport): Express, passport-jwt
 * through @nestjs/passport's AuthGuard('jwt'), the secret passed as a string.
 *   PORT=3103 ts-node --transpile-only bench/servers/nest-docs-recipe.ts
 */
import 'reflect-metadata';
import { Controller, Get, Injectable, Module, Request, UseGuards } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuthGuard, PassportModule, PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { BENCH_SECRET, benchPort } from './bench-token';

@Injectable()
class JwtStrategy extends PassportStrategy(Strategy) {
  constructor() {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      ignoreExpiration: false,
      secretOrKey: BENCH_SECRET,
    });
  }

  validate(payload: { sub: string; username: string }) {
    return { userId: payload.sub, username: payload.username };
  }
}

@Controller()
class ProfileController {
  @UseGuards(AuthGuard('jwt'))
  @Get('whoami')
  whoami(@Request() request: { user: unknown }): unknown {
    return request.user;
  }
}

@Module({ imports: [PassportModule], controllers: [ProfileController], providers: [JwtStrategy] })
class DocsRecipeModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(DocsRecipeModule, { logger: ['error', 'warn'] });
  await app.listen(benchPort(), '127.0.0.1');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
