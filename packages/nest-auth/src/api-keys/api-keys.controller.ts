import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  UseGuards,
} from '@nestjs/common';
import type { AuthPrincipal } from '../authenticator/auth-principal';
import { CurrentUser } from '../decorators/current-user.decorator';
import { ZodBodyPipe } from '../dto/zod-body.pipe';
import { JwtAuthGuard } from '../guards/jwt-auth.guard';
import { NoCredentialsInUrlGuard } from '../guards/no-credentials-in-url.guard';
import { type CreateApiKeyRequest, createApiKeySchema } from './api-key.schemas';
import { ApiKeyService } from './api-key.service';
import type { ApiKeyView, CreatedApiKey } from './api-key-view';

/** The caller's API keys; every route needs a user access token. */
@Controller('api-keys')
@UseGuards(NoCredentialsInUrlGuard, JwtAuthGuard)
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeyService) {}

  /** The key is in this answer only; it is stored hashed. */
  @Post()
  @Header('Cache-Control', 'no-store')
  create(
    @CurrentUser() principal: AuthPrincipal,
    @Body(new ZodBodyPipe(createApiKeySchema)) body: CreateApiKeyRequest,
  ): Promise<CreatedApiKey> {
    return this.apiKeys.create(principal, body);
  }

  @Get()
  @Header('Cache-Control', 'no-store')
  async list(@CurrentUser() principal: AuthPrincipal): Promise<{ apiKeys: ApiKeyView[] }> {
    return { apiKeys: await this.apiKeys.list(principal) };
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  revoke(@CurrentUser() principal: AuthPrincipal, @Param('id') id: string): Promise<void> {
    return this.apiKeys.revoke(principal, id);
  }
}
