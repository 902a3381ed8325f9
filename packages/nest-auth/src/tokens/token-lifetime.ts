/** How long after its issue a token of the module can still be accepted, in milliseconds. */
export function longestTokenLifetimeMs(token: {
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  leewaySeconds: number;
}): number {
  return (Math.max(token.accessTtlSeconds, token.refreshTtlSeconds) + token.leewaySeconds) * 1000;
}
