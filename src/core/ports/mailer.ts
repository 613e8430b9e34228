/** One message, as a job asks for it to be sent. The sender is the site's (MAIL_FROM). */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /**
   * Extra header fields, such as `List-Unsubscribe` and `List-Unsubscribe-Post` (RFC 8058) on every
   * notification a reader can stop.
   */
  headers?: Record<string, string>;
  /**
   * `<…@host>`, the same on every attempt: a retry after a crash between the server accepting the
   * message and us recording it is then recognisable (and collapsible) as the same message.
   */
  messageId: string;
}

export interface Mailer {
  /**
   * 'smtp' hands messages to a mail server; 'files' only writes them to a folder, where nobody
   * receives them unless someone reads the folder (doctor and the admin warn about it).
   */
  readonly kind: 'smtp' | 'files';
  /** Resolves once the message is accepted (by the server, or written whole); throws otherwise. */
  send(message: MailMessage): Promise<void>;
  close(): Promise<void>;
}

/** Keeps what it is given, for tests of code that sends mail. */
export class MemoryMailer implements Mailer {
  readonly kind = 'files';
  readonly sent: MailMessage[] = [];
  async send(message: MailMessage): Promise<void> {
    this.sent.push(message);
  }
  async close(): Promise<void> {}
}
