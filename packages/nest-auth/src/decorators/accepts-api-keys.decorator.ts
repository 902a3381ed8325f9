import { SetMetadata } from '@nestjs/common';

export const ACCEPTS_API_KEYS_KEY = 'lexAuth:acceptsApiKeys';

/**
 * Opens a route (or a controller) to API keys whatever their scopes. Without it, an API key is
 * accepted only where `@Permissions(...)` says what the route needs, so its scopes decide; a
 * route that declares nothing is for signed-in users, and a key there gets 403. Use it for routes
 * any key may call, such as an identity echo.
 */
export const AcceptsApiKeys = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCEPTS_API_KEYS_KEY, true);
