import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  type Browser,
  type BrowserContext,
  type CDPSession,
  chromium,
  type Page,
} from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const PAGES_ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts', 'pages');
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

/** A phone's width: every page must work there. */
export const PHONE = { width: 375, height: 812 };

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** A fresh browser profile ("a device"), collecting what the CSP refused in `violations`. */
export async function newDevice(
  browser: Browser,
  viewport = PHONE,
): Promise<{ context: BrowserContext; page: Page; violations: string[] }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return { context, page, violations };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(PAGES_ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(PAGES_ARTIFACTS, `${name}.png`), fullPage: true });
}

/** A page's visible alert text, once it shows. */
export async function alertText(page: Page, selector: string): Promise<string> {
  const region = page.locator(selector);
  await region.waitFor({ state: 'visible' });
  return (await region.textContent())?.trim() ?? '';
}

/** A loopback port free a moment ago (bound, then released), for an app that must know its origin. */
export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A virtual authenticator in the page's browser (the DevTools protocol's WebAuthn domain): CTAP2,
 * built in, resident keys, user verification, presence answered at once, as a phone's would be.
 */
export async function addVirtualAuthenticator(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return cdp;
}
