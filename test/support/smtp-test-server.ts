import { type ParsedMail, simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

/** A message the server accepted, parsed. */
export interface ReceivedMail {
  /** Envelope recipients (RCPT TO). */
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  /** The first `?token=` of the text body's links, or null. */
  token: string | null;
  /** The first http(s) link of the text body, or null. */
  link: string | null;
  /** The SMTP user the client authenticated as, when it did. */
  user: string | null;
}

export interface SmtpTestServerOptions {
  /** Credentials the server requires (AUTH PLAIN/LOGIN, allowed without TLS on loopback). */
  auth?: { user: string; pass: string };
}

const WAIT_MS = 5000;

/**
 * A real SMTP server on 127.0.0.1 (the `smtp-server` package), no TLS, that keeps every message
 * it accepts, parsed with `mailparser`. `url` is what `SMTP_URL` takes.
 */
export class SmtpTestServer {
  readonly received: ReceivedMail[] = [];
  private readonly waiters: {
    match: (m: ReceivedMail) => boolean;
    resolve: (m: ReceivedMail) => void;
  }[] = [];
  private port = 0;
  /** How many messages of each address `waitFor` has handed out. */
  private readonly taken = new Map<string, number>();

  private constructor(
    private readonly server: SMTPServer,
    private readonly credentials: SmtpTestServerOptions['auth'],
  ) {}

  static async start(options: SmtpTestServerOptions = {}): Promise<SmtpTestServer> {
    let self: SmtpTestServer | null = null;
    const config: SMTPServerOptions = {
      // Loopback only, in clear: the client must not try to upgrade to a certificate it cannot verify.
      disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
      authOptional: !options.auth,
      allowInsecureAuth: true,
      logger: false,
      onAuth: (auth, _session, callback) => {
        const ok = auth.username === options.auth?.user && auth.password === options.auth?.pass;
        if (ok) callback(null, { user: auth.username });
        else callback(new Error('Invalid username or password'));
      },
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            self?.accept(
              parsed,
              session.envelope.rcptTo.map((r) => r.address),
              session.user,
            );
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    };
    const server = new SMTPServer(config);
    self = new SmtpTestServer(server, options.auth);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = (server as unknown as { server: { address(): AddressInfo } }).server.address();
    self.port = address.port;
    return self;
  }

  /** `smtp://[user:pass@]127.0.0.1:<port>` */
  get url(): string {
    const auth = this.credentials
      ? `${encodeURIComponent(this.credentials.user)}:${encodeURIComponent(this.credentials.pass)}@`
      : '';
    return `smtp://${auth}127.0.0.1:${this.port}`;
  }

  /** Messages received for `address`. */
  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(address));
  }

  /** The next message for `address` not yet returned by an earlier wait, received or to come. */
  waitFor(address: string, timeoutMs = WAIT_MS): Promise<ReceivedMail> {
    const existing = this.to(address)[this.taken.get(address) ?? 0];
    if (existing) {
      this.take(address);
      return Promise.resolve(existing);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`No mail for ${address} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiters.push({
        match: (m) => m.to.includes(address),
        resolve: (m) => {
          clearTimeout(timer);
          // Counted when handed out, so two waits pending on one address get two messages.
          this.take(address);
          resolve(m);
        },
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private take(address: string): void {
    this.taken.set(address, (this.taken.get(address) ?? 0) + 1);
  }

  private accept(parsed: ParsedMail, to: string[], user: unknown): void {
    const text = parsed.text ?? '';
    const link = /https?:\/\/\S+/.exec(text)?.[0] ?? null;
    const mail: ReceivedMail = {
      to,
      from: parsed.from?.text ?? '',
      subject: parsed.subject ?? '',
      text,
      html: typeof parsed.html === 'string' ? parsed.html : '',
      link,
      token: link ? new URL(link).searchParams.get('token') : null,
      user: typeof user === 'string' ? user : null,
    };
    this.received.push(mail);
    const index = this.waiters.findIndex((w) => w.match(mail));
    if (index !== -1) this.waiters.splice(index, 1)[0].resolve(mail);
  }
}
