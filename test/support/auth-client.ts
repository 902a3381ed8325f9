import type TestAgent from 'supertest/lib/agent';
import type { TokenPair } from '../../packages/nest-auth/src';

export const PASSWORD = 'correct horse battery staple';

/** Registers and logs in a user; returns the token pair. */
export async function registerAndLogin(
  http: TestAgent,
  email: string,
  password = PASSWORD,
): Promise<TokenPair> {
  await http.post('/auth/register').send({ email, password }).expect(201);
  return login(http, email, password);
}

export async function login(
  http: TestAgent,
  email: string,
  password = PASSWORD,
): Promise<TokenPair> {
  const res = await http.post('/auth/login').send({ email, password }).expect(200);
  return res.body as TokenPair;
}

export const bearer = (token: string): { Authorization: string } => ({
  Authorization: `Bearer ${token}`,
});

/** The value of one Prometheus sample (`name{labels}`), 0 when absent. */
export async function metric(http: TestAgent, sample: string): Promise<number> {
  const res = await http.get('/metrics').expect(200);
  const line = res.text.split('\n').find((l) => l.startsWith(`${sample} `));
  return line ? Number(line.split(' ')[1]) : 0;
}
