/** One message to one recipient, in plain text and simple HTML. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /**
   * The action link the message carries. Not sent as such; only the development outbox logs
   * it, so a developer can follow it. It is a credential: never log it anywhere else.
   */
  link: string;
}

/**
 * Sends the module's messages (password reset, email verification). `SmtpMailer` delivers over
 * SMTP; `OutboxMailer` logs them in development. A host may supply its own through the
 * `mailer` option (an API-based provider, a queue).
 */
export abstract class Mailer {
  /** Resolves once the message was accepted for delivery; rejects when it was not. */
  abstract send(message: MailMessage): Promise<void>;
}
