import { createHash } from 'crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { deriveSchema } from './derive';
import { encodeSchemaResponse } from './encode';
import { checkSchema } from './check';
import { applyOverrides } from './overrides';
import { ProviderSchema } from './types';

/**
 * Derived schemas are cached per package version under
 * node_modules/.cache/engine-schema (not committed), so only the first run
 * pays for reading the 267 MB of generated provider code. The cache key also
 * hashes the deriving code and the override list, so editing either
 * invalidates the cache by itself.
 */

const ENGINE_DIR = resolve(__dirname, '..');
const PROTO_DIR = join(ENGINE_DIR, 'proto');

export interface CachedSchema {
  /** Schema JSON (after overrides), read by the stub for planning. */
  jsonPath: string;
  /** Encoded GetProviderSchema.Response, served by the stub verbatim. */
  pbPath: string;
  providerName: string;
  providerVersion: string;
  derivedFrom: string;
  fromCache: boolean;
}

function codeHash(): string {
  const h = createHash('sha256');
  for (const f of ['schema/derive.ts', 'schema/overrides.ts', 'schema/encode.ts', 'schema/types.ts', 'schema/check.ts', 'stub/protocol.ts', 'proto/tfplugin5.proto']) {
    h.update(readFileSync(join(ENGINE_DIR, f)));
  }
  return h.digest('hex').slice(0, 10);
}

function writeAtomic(path: string, data: string | Buffer): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path); // parallel runs never see half a file
}

export function cachedSchema(packageName: string, repoRoot: string): CachedSchema {
  const packageDir = dirname(require.resolve(`${packageName}/package.json`, { paths: [repoRoot] }));
  const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const short = packageName.replace(/^@cdktn\/provider-/, '');
  const dir = join(repoRoot, 'node_modules', '.cache', 'engine-schema');
  const base = join(dir, `${short}-${pkg.version}.${codeHash()}`);
  const jsonPath = `${base}.json`;
  const pbPath = `${base}.pb`;
  const result = {
    jsonPath,
    pbPath,
    providerName: (pkg.cdktn ?? pkg.cdktf).provider.name as string,
    providerVersion: (pkg.cdktn ?? pkg.cdktf).provider.version as string,
    derivedFrom: `${pkg.name}@${pkg.version}`,
  };
  if (existsSync(jsonPath) && existsSync(pbPath)) return { ...result, fromCache: true };
  mkdirSync(dir, { recursive: true });
  const schema: ProviderSchema = applyOverrides(deriveSchema(packageDir));
  const problems = checkSchema(schema);
  if (problems.length) {
    throw new Error(`derived schema of ${packageName} breaks OpenTofu's schema rules:\n  ${problems.slice(0, 20).join('\n  ')}`);
  }
  writeAtomic(pbPath, encodeSchemaResponse(schema, PROTO_DIR));
  writeAtomic(jsonPath, JSON.stringify(schema));
  // Drop entries of the same package version made by older deriving code.
  for (const f of readdirSync(dir)) {
    if (f.startsWith(`${short}-${pkg.version}.`) && !base.endsWith(f.split('.').slice(0, -1).join('.'))) rmSync(join(dir, f), { force: true });
  }
  return { ...result, fromCache: false };
}
