/** Who is on the other end of a request, as far as the server can tell; recorded on sessions. */
export interface ClientInfo {
  /** The `User-Agent` header, cut to 512 characters; null when absent. */
  userAgent: string | null;
  /** `request.ip`: the client's address when the host trusts its proxy, else the proxy's. */
  ip: string | null;
}

const MAX_USER_AGENT = 512;

/** The parts of an Express or Fastify request `clientInfoOf` reads. */
export interface ClientRequest {
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
}

/** Reads the client of an Express or Fastify request. */
export function clientInfoOf(request: ClientRequest): ClientInfo {
  const agent = request.headers['user-agent'];
  const userAgent =
    typeof agent === 'string' && agent !== '' ? agent.slice(0, MAX_USER_AGENT) : null;
  return { userAgent, ip: request.ip ?? null };
}
