/**
 * Readiness for `@nestjs/terminus` (an optional peer): only a host that imports this entry loads
 * terminus. The root entry's `AuthStoreHealth` is the same check without it.
 */
export { AuthHealthIndicator } from './auth-health.indicator';
