import nodemailer from 'nodemailer';
import type { Mailer, MailMessage } from '../core/ports/mailer.ts';

export interface SmtpOptions {
  /** Connecting, the greeting and each later step; a job's lease must outlast their sum. */
  timeoutMs?: number;
}

/**
 * Mail through the SMTP server of SMTP_URL. TLS is what the URL says: `smtps://` talks TLS from the
 * first byte; `smtp://` upgrades with STARTTLS whenever the server offers it (nodemailer's default).
 * Credentials in the URL never reach a log: errors carry the server's reply, not the URL.
 */
export function smtpMailer(url: string, from: string, options: SmtpOptions = {}): Mailer {
  const timeout = options.timeoutMs ?? 20_000;
  const transport = nodemailer.createTransport({
    url,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    kind: 'smtp',
    async send(message: MailMessage) {
      await transport.sendMail({ from, ...message });
    },
    async close() {
      transport.close();
    },
  };
}
