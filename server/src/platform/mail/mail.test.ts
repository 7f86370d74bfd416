import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOutbox } from '../../../test/helpers/mail.ts';
import { createMailer, DEFAULT_MAIL_FROM, outboxDir, unconfiguredMailer } from './index.ts';

describe('outbox mailer', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'huoban-mail-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('writes one .eml file per message into <dataDir>/outbox', async () => {
    const mailer = createMailer({ dataDir });
    await mailer.send({ to: 'alice@example.com', subject: 'Your code', text: 'Code: 123456' });
    await mailer.send({ to: 'bob@example.com', subject: '验证码', text: '验证码：654321' });
    const files = (await readdir(outboxDir(dataDir))).sort();
    expect(files).toHaveLength(2);
    for (const file of files) expect(file).toMatch(/^\d{8}T\d{9}Z-[0-9a-f]{8}\.eml$/);
    const messages = await Promise.all(
      files.map((file) => readFile(path.join(outboxDir(dataDir), file), 'utf8')),
    );
    const alice = messages.find((message) => message.includes('To: alice@example.com'));
    expect(alice).toContain('Subject: Your code');
    expect(alice).toContain('Code: 123456');
    expect(alice).toContain(`From: ${DEFAULT_MAIL_FROM}`);
    const bob = messages.find((message) => message.includes('To: bob@example.com'));
    // Non-ASCII subjects are MIME-encoded words; the body is quoted-printable or base64 UTF-8.
    expect(bob).toMatch(/Subject: =\?UTF-8\?/);
    const decoded = readOutbox(outboxDir(dataDir)).find(
      (message) => message.to === 'bob@example.com',
    );
    expect(decoded).toMatchObject({ subject: '验证码', text: '验证码：654321' });
  });

  it('refuses to send when the app was built without a mailer', async () => {
    await expect(unconfiguredMailer.send({ to: 'a@b.c', subject: 's', text: 't' })).rejects.toThrow(
      'No mailer is configured',
    );
  });
});
