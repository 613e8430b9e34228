import type { JobRequest } from '../ports/jobs.ts';
import type { MailMessage } from '../ports/mailer.ts';

/** The job that sends one message; password resets, invitations and notifications enqueue it. */
export const MAIL_SEND = 'mail.send';

export type MailJobPayload = Omit<MailMessage, 'messageId'>;

/**
 * A request for one message. Enqueue it in the transaction of the change that causes it, with a key
 * when the same change could ask twice (a notification per comment and subscriber, say).
 */
export function mailJob(message: MailJobPayload, key?: string): JobRequest {
  return { type: MAIL_SEND, payload: { ...message }, ...(key === undefined ? {} : { key }) };
}

/** The payload as a message, or undefined when it is not one (written by another version, say). */
export function readMailPayload(payload: Record<string, unknown>): MailJobPayload | undefined {
  const { to, subject, text, html, headers } = payload;
  if (typeof to !== 'string' || to === '' || typeof subject !== 'string' || typeof text !== 'string')
    return undefined;
  if (html !== undefined && typeof html !== 'string') return undefined;
  if (headers !== undefined && !isHeaders(headers)) return undefined;
  return {
    to,
    subject,
    text,
    ...(html === undefined ? {} : { html }),
    ...(headers === undefined ? {} : { headers }),
  };
}

/** Header fields by name, each a one-line value (a line break would start a header of its own). */
function isHeaders(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.entries(value).every(
      ([name, field]) =>
        /^[A-Za-z][A-Za-z0-9-]*$/.test(name) && typeof field === 'string' && !/[\r\n]/.test(field),
    )
  );
}

/** One Message-ID per job, the same on every attempt, unique across databases restored from backups. */
export function messageIdFor(job: { id: number; createdAt: Date }, host: string): string {
  return `<job-${job.id}.${job.createdAt.getTime().toString(36)}@${host}>`;
}
