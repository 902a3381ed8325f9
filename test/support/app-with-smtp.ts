import { SmtpTestServer } from './smtp-test-server';
import { startTestApp, type TestApp, type TestAppOptions } from './test-app';

export interface AppWithSmtp {
  smtp: SmtpTestServer;
  t: TestApp;
  /** Closes the app, then the SMTP server it was mailing through. */
  close(): Promise<void>;
}

/** A real SMTP server on loopback and the example app with `SMTP_URL` pointing at it. */
export async function startAppWithSmtp(options: TestAppOptions = {}): Promise<AppWithSmtp> {
  const smtp = await SmtpTestServer.start();
  const t = await startTestApp({ ...options, env: { SMTP_URL: smtp.url, ...options.env } });
  return {
    smtp,
    t,
    close: async () => {
      await t.close();
      await smtp.close();
    },
  };
}
