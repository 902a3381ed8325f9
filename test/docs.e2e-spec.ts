import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { authOpenApiPaths } from '@lexigram/nest-auth/openapi';
import { buildOpenApiDocument } from '../src/bootstrap/openapi/build-openapi-document';
import { HOST_ROUTE_DOCS } from '../src/bootstrap/openapi/host-route-docs';
import { PASSWORD } from './support/auth-client';
import { listenOnLoopback } from './support/raw-http';
import { startTestApp, type TestApp } from './support/test-app';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(__dirname, '..', 'test-artifacts');
// Debian's chromium, headless: CI has no network and runs as root, where the sandbox cannot start.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// Every route the example host serves: its own and, with every feature on, all of the module's.
const ROUTES = [
  ...Object.keys(HOST_ROUTE_DOCS),
  ...Object.entries(authOpenApiPaths({ features: { oidc: true, passkeys: true } }).paths).flatMap(
    ([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
  ),
];

// Fastify is the example host's default; Express stays supported.
describe.each(['fastify', 'express'] as const)('OpenAPI document and /docs on %s', (adapter) => {
  let t: TestApp;
  let url: string;

  beforeAll(async () => {
    t = await startTestApp({ adapter });
    url = `http://127.0.0.1:${await listenOnLoopback(t.app)}`;
    await t.http.post('/auth/register').send({ email: 'docs@example.com', password: PASSWORD });
  });
  afterAll(() => t?.close());

  it('describes every route the app serves, with request, response and error schemas', async () => {
    expect(buildOpenApiDocument(t.app).undocumented).toEqual([]);
    const document = (await t.http.get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    for (const key of ROUTES) {
      const [method, path] = key.split(' ');
      expect(document.paths[path]?.[method.toLowerCase()]).toBeDefined();
    }
    const login = document.paths['/auth/login'].post as unknown as {
      requestBody: unknown;
      responses: Record<string, { content?: unknown }>;
    };
    expect(Object.keys(login.responses)).toEqual([
      '200',
      '400',
      '401',
      '403',
      '413',
      '415',
      '423',
      '429',
      '503',
    ]);
    const logout = document.paths['/auth/logout'].post as unknown as {
      responses: Record<string, { description: string }>;
    };
    expect(logout.responses['400'].description).toContain('two credentials');
    expect(Object.keys(logout.responses)).toEqual(expect.arrayContaining(['413', '415']));
    expect(login.responses['423'].content).toEqual({
      'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } },
    });
  });

  describe('in headless Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    });
    afterAll(() => browser?.close());

    it('lists every route, runs "Try it out" on login and saves a screenshot', async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
      await page.goto(`${url}/docs`);
      await page.waitForSelector('.opblock');
      const listed = await page
        .locator('.opblock')
        .evaluateAll((blocks) =>
          blocks.map(
            (b) =>
              `${b.querySelector('.opblock-summary-method')?.textContent} ${b.querySelector('.opblock-summary-path')?.getAttribute('data-path')}`,
          ),
        );
      expect(listed).toEqual(expect.arrayContaining(ROUTES));

      const login = page.locator('.opblock-post', {
        has: page.locator('.opblock-summary-path[data-path="/auth/login"]'),
      });
      await login.locator('.opblock-summary').click();
      await login.locator('button.try-out__btn').click();
      await login
        .locator('textarea.body-param__text')
        .fill(JSON.stringify({ email: 'docs@example.com', password: PASSWORD }));
      await login.locator('button.execute').click();
      const status = login
        .locator('.live-responses-table tr.response .response-col_status')
        .first();
      await status.waitFor();
      expect((await status.textContent())?.trim()).toBe('200');
      await expect(
        login.locator('.live-responses-table tr.response .microlight').first().textContent(),
      ).resolves.toContain('access_token');

      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({
        path: join(ARTIFACTS, `docs-login-try-it-out-${adapter}.png`),
        fullPage: true,
      });
      await page.close();
    });
  });
});

describe('OpenAPI document with features switched off', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      adapter: 'fastify',
      env: {
        LEX_AUTH__MFA__ENABLED: 'false',
        LEX_AUTH__API_KEYS__ENABLED: 'false',
        LEX_AUTH__PASSKEYS__ENABLED: 'false',
      },
    });
  });
  afterAll(() => t?.close());

  it('leaves out the routes of what is off, and still describes every route it lists', async () => {
    expect(buildOpenApiDocument(t.app).undocumented).toEqual([]);
    const document = (await t.http.get('/docs-json').expect(200)).body as {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    const paths = Object.keys(document.paths);
    expect(paths.filter((p) => /^\/auth\/(mfa|api-keys|passkeys)/.test(p))).toEqual([]);
    expect(paths).toEqual(expect.arrayContaining(['/auth/login', '/auth/oidc/providers']));
    expect(document.components.schemas).not.toHaveProperty('MfaVerifyRequest');
    // The switched-off routes still exist, answering 404: off, not undocumented.
    await t.http.post('/auth/mfa/verify').send({}).expect(404);
  });
});
