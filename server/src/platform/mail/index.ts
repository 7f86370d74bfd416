import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';

declare module 'fastify' {
  interface FastifyInstance {
    /** Outgoing mail; routes hand it to the services that send codes and notifications. */
    mailer: Mailer;
  }
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export interface MailerOptions {
  /** The installation's data directory; without SMTP, messages land in `<dataDir>/outbox`. */
  dataDir: string;
  /** `smtp://user:pass@host:port` or `smtps://…` (HUOBAN_SMTP_URL); absent means the outbox. */
  smtpUrl?: string | undefined;
  from?: string | undefined;
}

export const DEFAULT_MAIL_FROM = 'Huoban Partner Center <no-reply@huoban.localhost>';

/** The outbox folder of a data directory (where the default transport writes `.eml` files). */
export function outboxDir(dataDir: string): string {
  return path.join(dataDir, 'outbox');
}

/**
 * The mailer of an installation: SMTP when a URL is configured, otherwise one RFC 5322 `.eml`
 * file per message in `<dataDir>/outbox`, so a fresh install can complete sign-ups (open the file,
 * read the code) without any mail server.
 */
export function createMailer(options: MailerOptions): Mailer {
  const from = options.from ?? DEFAULT_MAIL_FROM;
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return {
      async send(message) {
        await transport.sendMail({ from, ...message });
      },
    };
  }
  const dir = outboxDir(options.dataDir);
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
  return {
    async send(message) {
      const info = await transport.sendMail({ from, ...message });
      if (!Buffer.isBuffer(info.message)) throw new Error('stream transport returned no buffer');
      await mkdir(dir, { recursive: true });
      // Wall-clock time, not domain time: the name only orders files for the person reading the
      // folder. The random part keeps names unique within one millisecond.
      const stamp = new Date().toISOString().replace(/[-:.]/g, '');
      const name = `${stamp}-${randomBytes(4).toString('hex')}.eml`;
      const partial = path.join(dir, `.${name}.partial`);
      await writeFile(partial, info.message);
      // Readers of the outbox never see a half-written message.
      await rename(partial, path.join(dir, name));
    },
  };
}

/** Stands in when an app is built without a mailer: sending is then a configuration error. */
export const unconfiguredMailer: Mailer = {
  send() {
    return Promise.reject(new Error('No mailer is configured for this application'));
  },
};
