// A self-signed certificate for the HTTPS tests, made by the openssl command line (Node cannot
// issue X.509 certificates itself). Valid for the given DNS names and 127.0.0.1.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export function selfSignedCert(dir: string, names: string[]): { certFile: string; keyFile: string; cert: Buffer; key: Buffer } {
  const certFile = path.join(dir, 'console.crt');
  const keyFile = path.join(dir, 'console.key');
  const san = [...names.map((n) => `DNS:${n}`), 'IP:127.0.0.1'].join(',');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
      '-subj', `/CN=${names[0]}`, '-addext', `subjectAltName=${san}`, '-keyout', keyFile, '-out', certFile],
    { stdio: 'pipe' },
  );
  return { certFile, keyFile, cert: fs.readFileSync(certFile), key: fs.readFileSync(keyFile) };
}
