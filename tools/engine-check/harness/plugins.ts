import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { CachedSchema } from '../schema/cache';
import { protocolJson } from '../stub/protocol';
import { selfSignedLocalhost } from '../stub/tls';

/**
 * Makes the stub providers installable without a network: one esbuild
 * bundle of the stub, one tiny shell-script "provider executable" per
 * provider inside an unpacked filesystem mirror, and a CLI config that
 * allows nothing but that mirror.
 */

const ENGINE_DIR = resolve(__dirname, '..');

/** Hostnames under which the mirror offers each provider (see README, "Installation"). */
const HOSTS = [
  // cdktn writes `source = "hashicorp/aws"` (cdktf wrote "aws"); OpenTofu expands both to registry.opentofu.org/hashicorp/aws.
  'registry.opentofu.org',
  // Only for running the optional terraform binary against the same mirror.
  'registry.terraform.io',
];

/** Every prebuilt cdktn provider package installed (today aws and random) gets a stub. */
export function providerPackages(repoRoot: string): string[] {
  const dir = join(repoRoot, 'node_modules', '@cdktn');
  return readdirSync(dir)
    .filter((d) => d.startsWith('provider-') && existsSync(join(dir, d, 'package.json')))
    .filter((d) => JSON.parse(readFileSync(join(dir, d, 'package.json'), 'utf8')).cdktn?.provider?.name)
    .map((d) => `@cdktn/${d}`);
}

export interface PluginSetup {
  cliConfigPath: string;
  mirrorDir: string;
  bundleMs: number;
}

async function bundleStub(outFile: string): Promise<void> {
  // A bundle starts in ~0.15 s; `node --import tsx` would transpile on every
  // provider start (~0.6 s), and tofu starts several providers per command.
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [join(ENGINE_DIR, 'stub', 'main.ts')],
    outfile: outFile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
  });
}

/**
 * Loads the bundle through V8's code cache: the first provider process of a
 * run saves the compiled code, later ones skip most of the parse/compile
 * work. (Node 20 has no built-in module compile cache.)
 */
const LAUNCHER = `'use strict';
const fs = require('fs'), path = require('path'), vm = require('vm'), Module = require('module');
const file = path.join(__dirname, 'stub.js');
const cacheFile = file + '.v8cache';
let cachedData;
try { cachedData = fs.readFileSync(cacheFile); } catch (e) { cachedData = undefined; }
const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
const mod = new Module(file, module);
mod.filename = file;
script.runInThisContext()(mod.exports, require, mod, file, __dirname);
if (!cachedData || script.cachedDataRejected) {
  // After start-up, so that the functions compiled so far are in the cache too.
  setTimeout(() => {
    try {
      const tmp = cacheFile + '.' + process.pid;
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, cacheFile);
    } catch (e) { /* a cache is an optimisation only */ }
  }, 300).unref();
}
`;

export async function setUpPlugins(runDir: string, schemas: CachedSchema[]): Promise<PluginSetup> {
  const started = Date.now();
  const stubDir = join(runDir, 'stub');
  mkdirSync(stubDir, { recursive: true });
  const bundle = join(stubDir, 'stub.js');
  await bundleStub(bundle);
  const launcher = join(stubDir, 'launch.js');
  writeFileSync(launcher, LAUNCHER);
  const protocol = join(stubDir, 'protocol.json');
  const protoDir = join(ENGINE_DIR, 'proto');
  writeFileSync(protocol, JSON.stringify(protocolJson(['tfplugin5.proto', 'goplugin.proto', 'health.proto'].map((f) => join(protoDir, f)))));

  // One server identity per run (AutoMTLS); saves every provider process an RSA key generation.
  const tlsDir = join(stubDir, 'tls');
  mkdirSync(tlsDir, { recursive: true });
  const { certPem, keyPem } = selfSignedLocalhost();
  writeFileSync(join(tlsDir, 'cert.pem'), certPem);
  writeFileSync(join(tlsDir, 'key.pem'), keyPem, { mode: 0o600 });

  const mirrorDir = join(runDir, 'mirror');
  const include: string[] = [];
  for (const s of schemas) {
    const [, namespace, type] = s.providerName.split('/'); // registry.terraform.io/hashicorp/aws
    const script = [
      '#!/bin/sh',
      `# engine check stub for ${s.providerName} ${s.providerVersion} (schema from ${s.derivedFrom})`,
      `ENGINE_STUB_TLS_DIR='${tlsDir}' exec '${process.execPath}' '${launcher}' --name '${type}' \\`,
      `  --schema-json '${s.jsonPath}' --schema-pb '${s.pbPath}' --protocol '${protocol}' "$@"`,
      '',
    ].join('\n');
    for (const host of HOSTS) {
      // Unpacked layout: HOSTNAME/NAMESPACE/TYPE/VERSION/TARGET/terraform-provider-TYPE_vVERSION
      const dir = join(mirrorDir, host, namespace, type, s.providerVersion, 'linux_amd64');
      mkdirSync(dir, { recursive: true });
      const exe = join(dir, `terraform-provider-${type}_v${s.providerVersion}`);
      writeFileSync(exe, script);
      chmodSync(exe, 0o755);
      include.push(`${host}/${namespace}/${type}`);
    }
  }

  // Only the mirror is listed, so there is no network installation method at
  // all; a provider the mirror lacks fails `tofu init` instead of downloading.
  const cliConfigPath = join(runDir, 'engine.tfrc');
  writeFileSync(
    cliConfigPath,
    [
      'provider_installation {',
      '  filesystem_mirror {',
      `    path    = ${JSON.stringify(mirrorDir)}`,
      `    include = ${JSON.stringify(include)}`,
      '  }',
      '}',
      '',
    ].join('\n'),
  );
  return { cliConfigPath, mirrorDir, bundleMs: Date.now() - started };
}
