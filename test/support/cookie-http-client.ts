/** One answer, redirects not followed. */
export interface HttpAnswer {
  status: number;
  location: string | null;
  body: string;
}

/**
 * A browser stand-in: keeps cookies per origin (name → value, no attributes beyond Max-Age=0)
 * and never follows redirects by itself, so a test sees and can tamper with every hop.
 */
export class CookieHttpClient {
  private readonly jars = new Map<string, Map<string, string>>();

  async get(url: string, headers: Record<string, string> = {}): Promise<HttpAnswer> {
    return this.send(url, { method: 'GET', headers });
  }

  async post(
    url: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpAnswer> {
    return this.send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  }

  /** Follows redirects while they stay on `origin`, from `url`; the first answer leaving it. */
  async followWithin(origin: string, url: string, visit?: (url: URL) => URL): Promise<HttpAnswer> {
    let answer = await this.get(url);
    for (let hop = 0; hop < 20 && answer.location; hop++) {
      const next = new URL(answer.location, url);
      if (next.origin !== origin) return answer;
      url = (visit ? visit(next) : next).href;
      answer = await this.get(url);
    }
    return answer;
  }

  /** The cookie `name` this client holds for `origin`. */
  cookie(origin: string, name: string): string | undefined {
    return this.jars.get(origin)?.get(name);
  }

  setCookie(origin: string, name: string, value: string): void {
    this.jar(origin).set(name, value);
  }

  private async send(url: string, init: RequestInit): Promise<HttpAnswer> {
    const { origin } = new URL(url);
    const cookies = [...this.jar(origin)].map(([k, v]) => `${k}=${v}`).join('; ');
    const headers = {
      ...(init.headers as Record<string, string>),
      ...(cookies ? { cookie: cookies } : {}),
    };
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) this.store(origin, line);
    return {
      status: response.status,
      location: response.headers.get('location'),
      body: await response.text(),
    };
  }

  private store(origin: string, line: string): void {
    const [pair, ...attributes] = line.split(';');
    const name = pair.slice(0, pair.indexOf('=')).trim();
    const value = pair.slice(pair.indexOf('=') + 1).trim();
    const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
    if (expired) this.jar(origin).delete(name);
    else this.jar(origin).set(name, value);
  }

  private jar(origin: string): Map<string, string> {
    let jar = this.jars.get(origin);
    if (!jar) this.jars.set(origin, (jar = new Map()));
    return jar;
  }
}
