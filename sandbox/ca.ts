import 'reflect-metadata';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { webcrypto } from 'node:crypto';
import path from 'node:path';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export interface SandboxTls {
  /** The file a terminal (or curl --cacert) trusts in development: this CA and nothing else. */
  caPath: string;
  caPem: string;
  certPem: string;
  keyPem: string;
}

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 86_400_000;
/** The CA/Browser Forum's ceiling for a server certificate (398 days); one day under it. */
export const SERVER_CERT_DAYS = 397;

function toPem(der: ArrayBuffer, label: string): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trimEnd();
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

const serial = () =>
  Buffer.from(webcrypto.getRandomValues(new Uint8Array(16)))
    .toString('hex')
    .replace(/^[89a-f]/, '1');

/**
 * The sandbox's own certificate authority and a server certificate for 127.0.0.1/localhost, made
 * once per data folder with a maintained X.509 library. The CA key never leaves the folder; a
 * terminal trusts ca.pem only, so nothing ever needs "accept any certificate".
 */
export async function ensureSandboxTls(dataDir: string, now = new Date()): Promise<SandboxTls> {
  const dir = path.join(dataDir, 'tls');
  const files = {
    caPath: path.join(dir, 'ca.pem'),
    caKey: path.join(dir, 'ca-key.pem'),
    cert: path.join(dir, 'server.pem'),
    key: path.join(dir, 'server-key.pem'),
  };
  const complete = Object.values(files).every((file) => existsSync(file));
  if (!complete || !serverCertAcceptable(readFileSync(files.cert, 'utf8'), now)) await createTls(dir, files, now);
  return {
    caPath: files.caPath,
    caPem: readFileSync(files.caPath, 'utf8'),
    certPem: readFileSync(files.cert, 'utf8'),
    keyPem: readFileSync(files.key, 'utf8'),
  };
}

/** A certificate made by an older sandbox (825 days) or about to expire is made again. */
function serverCertAcceptable(pem: string, now: Date): boolean {
  try {
    const cert = new x509.X509Certificate(pem);
    return (
      cert.notAfter.getTime() - cert.notBefore.getTime() <= (SERVER_CERT_DAYS + 1) * DAY_MS &&
      cert.notAfter.getTime() > now.getTime() + DAY_MS
    );
  } catch {
    return false;
  }
}

async function createTls(dir: string, files: { caPath: string; caKey: string; cert: string; key: string }, now: Date): Promise<void> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const subtle = webcrypto.subtle;
  const caKeys = await subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const caName = `CN=NoPOS Sandbox CA ${serial().slice(0, 8)}, O=NoPOS development`;
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: caName,
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter: new Date(now.getTime() + 3650 * DAY_MS),
    keys: caKeys,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const serverKeys = await subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const server = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: 'CN=127.0.0.1, O=NoPOS sandbox',
    issuer: ca.subject,
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter: new Date(now.getTime() + SERVER_CERT_DAYS * DAY_MS),
    signingKey: caKeys.privateKey,
    publicKey: serverKeys.publicKey,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        { type: 'ip', value: '127.0.0.1' },
        { type: 'dns', value: 'localhost' },
      ]),
      await x509.AuthorityKeyIdentifierExtension.create(ca),
    ],
  });
  const write = (file: string, text: string, mode: number) => writeFileSync(file, text, { mode });
  write(files.caKey, toPem(await subtle.exportKey('pkcs8', caKeys.privateKey), 'PRIVATE KEY'), 0o600);
  write(files.key, toPem(await subtle.exportKey('pkcs8', serverKeys.privateKey), 'PRIVATE KEY'), 0o600);
  write(files.cert, server.toString('pem') + '\n', 0o644);
  // Written last: its presence with the others means a complete set.
  write(files.caPath, ca.toString('pem') + '\n', 0o644);
}
