import { generateKeyPairSync, X509Certificate } from 'crypto';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import type * as Forge from 'node-forge';

/**
 * go-plugin AutoMTLS, server side: the client (OpenTofu) passes its own
 * one-time certificate in PLUGIN_CLIENT_CERT; the plugin must require and
 * verify that certificate, present a self-signed certificate for
 * "localhost", and publish that certificate's DER bytes (unpadded standard
 * base64) as the 6th field of the handshake line. The client then pins it as
 * its only root CA and dials with ServerName "localhost".
 */
export interface ServerIdentity {
  certPem: string;
  keyPem: string;
  /** base64 (no padding) of the DER certificate, for the handshake line. */
  handshakeCert: string;
}

/**
 * Generating an RSA key costs ~0.1-0.5 s, paid by every provider process,
 * so the harness makes one per run and hands it over in ENGINE_STUB_TLS_DIR
 * (cert.pem + key.pem). Without it the stub makes its own.
 */
export function serverIdentity(): ServerIdentity {
  const dir = process.env.ENGINE_STUB_TLS_DIR;
  if (dir && existsSync(join(dir, 'cert.pem'))) {
    return identity(readFileSync(join(dir, 'cert.pem'), 'utf8'), readFileSync(join(dir, 'key.pem'), 'utf8'));
  }
  const { certPem, keyPem } = selfSignedLocalhost();
  return identity(certPem, keyPem);
}

function identity(certPem: string, keyPem: string): ServerIdentity {
  const der = new X509Certificate(certPem).raw;
  return { certPem, keyPem, handshakeCert: der.toString('base64').replace(/=+$/, '') };
}

export function selfSignedLocalhost(): { certPem: string; keyPem: string } {
  // Loaded on demand: most provider processes get a ready identity from the harness.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const forge = require('node-forge') as typeof Forge;
  // Native key generation (node-forge's pure-JS RSA would take seconds).
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const pubPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(pubPem);
  cert.serialNumber = '01' + forge.util.bytesToHex(forge.random.getBytesSync(15));
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 24 * 3600_000);
  const name = [{ name: 'commonName', value: 'localhost' }, { name: 'organizationName', value: 'engine-check stub' }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
    { name: 'extKeyUsage', serverAuth: true, clientAuth: true },
    { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem };
}
