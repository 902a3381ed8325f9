/**
 * Metadata key of `@Permissions`. Here rather than beside the decorator: `JwtAuthGuard` reads it
 * too (an API key reaches only routes that declare permissions), and must not depend on RBAC.
 */
export const PERMISSIONS_KEY = 'lexAuth:permissions';
