import { generateKeyPairSync, verify, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  generateSigningKeyPem,
  loadSigningKey,
  signingKeyFromPem,
  spMetadataXml,
} from './index.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'huoban-signing-'));

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('platform signing key', () => {
  it('creates signing-key.pem (0600) on first load and reuses it with the same certificate', async () => {
    const first = await loadSigningKey(undefined, dataDir);
    const file = path.join(dataDir, 'signing-key.pem');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = await loadSigningKey(undefined, dataDir);
    expect(again.certificateBase64).toBe(first.certificateBase64);
    // The same key given through the environment yields the same certificate too.
    const fromEnv = await loadSigningKey(readFileSync(file, 'utf8'), dataDir);
    expect(fromEnv.certificateBase64).toBe(first.certificateBase64);
  });

  it('signs so that the certificate verifies, and a change breaks it', async () => {
    const key = await signingKeyFromPem(generateSigningKeyPem());
    const certificate = new X509Certificate(Buffer.from(key.certificateBase64, 'base64'));
    expect(new X509Certificate(key.certificatePem).raw).toEqual(certificate.raw);
    expect(certificate.subject).toContain('CN=Huoban Partner Center SP');
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    const signature = Buffer.from(key.sign('eyJkb21haW5OYW1lIjoiYSJ9'), 'base64');
    const publicKey = certificate.publicKey;
    expect(verify('sha256', Buffer.from('eyJkb21haW5OYW1lIjoiYSJ9'), publicKey, signature)).toBe(
      true,
    );
    expect(verify('sha256', Buffer.from('eyJkb21haW5OYW1lIjoiYiJ9'), publicKey, signature)).toBe(
      false,
    );
  });

  it('refuses a key that is not RSA', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await expect(signingKeyFromPem(pem)).rejects.toThrow('RSA');
  });

  it('puts the certificate into the SP metadata and escapes the entity id', async () => {
    const key = await signingKeyFromPem(generateSigningKeyPem());
    const xml = spMetadataXml(key, 'https://huoban.example/sp?a=1&b="2"');
    expect(xml).toContain(`<ds:X509Certificate>${key.certificateBase64}</ds:X509Certificate>`);
    expect(xml).toContain('entityID="https://huoban.example/sp?a=1&amp;b=&quot;2&quot;"');
  });
});
