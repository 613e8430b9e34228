import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { emlFileName, fileMailer } from './files.ts';

describe('mail written to files (no SMTP_URL)', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes one readable .eml per message, and a retry of the same message rewrites its file', async () => {
    dir = await mkdtemp(join(tmpdir(), 'samizdat-mail-'));
    const folder = join(dir, 'mail');
    const mailer = fileMailer(folder, 'Samizdat <noreply@blog.example.kz>');
    const message = {
      to: 'reader@example.kz',
      subject: 'Сброс пароля',
      text: 'Откройте ссылку.',
      html: '<p>Откройте <a href="https://blog.example.kz/">ссылку</a>.</p>',
      messageId: '<job-7.abc@blog.example.kz>',
    };
    await mailer.send(message);
    await mailer.send(message);
    await mailer.send({ ...message, messageId: '<job-8.abc@blog.example.kz>' });
    await mailer.close();
    expect((await readdir(folder)).sort()).toEqual([
      emlFileName('<job-7.abc@blog.example.kz>'),
      emlFileName('<job-8.abc@blog.example.kz>'),
    ]);
    const mail = await simpleParser(await readFile(join(folder, emlFileName(message.messageId))));
    expect(mail.subject).toBe('Сброс пароля');
    expect(mail.text?.trim()).toBe('Откройте ссылку.');
    expect(mail.html).toContain('href="https://blog.example.kz/"');
    expect(mail.messageId).toBe('<job-7.abc@blog.example.kz>');
  });
});
