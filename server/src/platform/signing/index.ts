import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  webcrypto,
  type KeyObject,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
// @peculiar/x509 resolves its ASN.1 providers through tsyringe, which needs the Reflect metadata API.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

/** The `SigAlg` of RSA-SHA256 signatures (XML-DSig more), as Huawei's notifications name it. */
export const RSA_SHA256_URI = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';

const RSA_ALGORITHM = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

/**
 * The platform's own RSA key pair and its self-signed certificate: what signs outgoing
 * notifications, and what partners find in the SP `Metadata.xml` to verify them.
 */
export interface SigningKey {
  /** PEM `CERTIFICATE`. */
  certificatePem: string;
  /** The DER certificate in Base64 on one line, as `<ds:X509Certificate>` holds it. */
  certificateBase64: string;
  /** Base64 RSA-SHA256 (PKCS#1 v1.5) signature of the UTF-8 bytes of `data`. */
  sign(data: string): string;
}

/**
 * The certificate is derived from the key alone (fixed subject, validity and a serial from the key
 * hash) and RSA PKCS#1 v1.5 signing is deterministic, so every start produces the same certificate
 * for the same key: partners who saved the metadata keep verifying after a restart.
 */
async function selfSignedCertificate(privateKey: KeyObject): Promise<x509.X509Certificate> {
  const publicKey = createPublicKey(privateKey);
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const keys = {
    privateKey: await webcrypto.subtle.importKey(
      'pkcs8',
      privateKey.export({ type: 'pkcs8', format: 'der' }),
      RSA_ALGORITHM,
      false,
      ['sign'],
    ),
    publicKey: await webcrypto.subtle.importKey('spki', spki, RSA_ALGORITHM, true, ['verify']),
  };
  return x509.X509CertificateGenerator.createSelfSigned(
    {
      // A leading 0 keeps the DER integer positive whatever the hash's first bit.
      serialNumber: `00${createHash('sha256').update(spki).digest('hex').slice(0, 30)}`,
      name: 'CN=Huoban Partner Center SP, O=Huoban',
      notBefore: new Date('2024-01-01T00:00:00Z'),
      notAfter: new Date('2049-12-31T23:59:59Z'),
      signingAlgorithm: RSA_ALGORITHM,
      keys,
      extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)],
    },
    webcrypto,
  );
}

/** A signing key from a PEM private key (PKCS#8 or PKCS#1). */
export async function signingKeyFromPem(pem: string): Promise<SigningKey> {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'rsa') throw new Error('The signing key must be an RSA key');
  const certificate = await selfSignedCertificate(privateKey);
  return {
    certificatePem: certificate.toString('pem'),
    certificateBase64: certificate.toString('base64'),
    sign: (data) => sign('sha256', Buffer.from(data, 'utf8'), privateKey).toString('base64'),
  };
}

/** A new 2048-bit RSA private key in PKCS#8 PEM. */
export function generateSigningKeyPem(): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/**
 * The key from the configuration (`HUOBAN_SIGNING_KEY`, a PEM private key), or from
 * `<dataDir>/signing-key.pem`, created with mode 0600 on first start next to the master key.
 */
export async function loadSigningKey(
  pem: string | undefined,
  dataDir: string,
): Promise<SigningKey> {
  if (pem) return signingKeyFromPem(pem);
  const file = path.join(dataDir, 'signing-key.pem');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, generateSigningKeyPem(), { mode: 0o600, flag: 'wx' });
  }
  return signingKeyFromPem(readFileSync(file, 'utf8'));
}

function escapeXml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/**
 * The SP `Metadata.xml` (SAML 2.0 metadata) carrying the signing certificate in
 * `<ds:X509Certificate>`: the file Huawei's Access Configuration offers as "获取SP Metadata文件".
 */
export function spMetadataXml(key: SigningKey, entityId: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${escapeXml(entityId)}">`,
    '  <md:SPSSODescriptor AuthnRequestsSigned="true" WantAssertionsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">',
    '    <md:KeyDescriptor use="signing">',
    '      <ds:KeyInfo>',
    '        <ds:X509Data>',
    `          <ds:X509Certificate>${key.certificateBase64}</ds:X509Certificate>`,
    '        </ds:X509Data>',
    '      </ds:KeyInfo>',
    '    </md:KeyDescriptor>',
    '  </md:SPSSODescriptor>',
    '</md:EntityDescriptor>',
    '',
  ].join('\n');
}
