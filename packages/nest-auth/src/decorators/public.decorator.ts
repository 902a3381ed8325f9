import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_KEY = 'lexAuth:isPublic';

/** Lets a route through `JwtAuthGuard` when the host binds that guard globally. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);
