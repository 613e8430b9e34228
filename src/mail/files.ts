import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Mailer, MailMessage } from '../core/ports/mailer.ts';

/** The file a message is written to: named after its Message-ID, so a retry rewrites the same file. */
export function emlFileName(messageId: string): string {
  return `${messageId.replace(/^<|>$/g, '').replace(/[^A-Za-z0-9._-]/g, '_')}.eml`;
}

/**
 * Without SMTP_URL: each message becomes one .eml file under `dir` (any mail program opens it).
 * Written to a temporary name and renamed, so a reader of the folder never sees half a message.
 */
export function fileMailer(dir: string, from: string): Mailer {
  // nodemailer builds the MIME message (text and HTML parts, encoded headers) without sending it.
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'files',
    async send(message: MailMessage) {
      const info = await composer.sendMail({ from, ...message });
      await mkdir(dir, { recursive: true });
      const file = join(dir, emlFileName(message.messageId));
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, info.message as Buffer);
      await rename(temporary, file);
    },
    async close() {
      composer.close();
    },
  };
}
