import { createHash } from 'crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'fs';
import { join } from 'path';
import { BootstrapStack } from '../stacks/bootstrap/stack';
import { ProductionStack } from '../stacks/production/stack';
import { synthesize, Synthesized } from './helpers';

/**
 * Both stacks with their defaults, synthesized once per change of the code and
 * shared by every test file that only reads them. Jest gives each test file its
 * own module registry, so an in-memory cache would still synthesize them in
 * every file (~0.7 s each under jest). The cache key is a hash of every input
 * of the synthesis: the folders in scripts/synth-inputs.json and the lock file.
 */
const ROOT = join(__dirname, '..');
const INPUTS: string[] = require('../scripts/synth-inputs.json');

export interface DefaultStacks {
  readonly bootstrap: Synthesized;
  readonly production: Synthesized;
}

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : [path];
    });
}

function cacheKey(): string {
  const hash = createHash('sha256');
  for (const file of [...INPUTS.flatMap((dir) => files(join(ROOT, dir))), join(ROOT, 'package-lock.json')]) {
    hash.update(file.slice(ROOT.length)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

let loaded: DefaultStacks | undefined;

export function defaultStacks(): DefaultStacks {
  if (loaded) return loaded;
  const dir = join(ROOT, 'node_modules', '.cache', 'test-synth');
  const file = join(dir, `${cacheKey()}.json`);
  let texts: { bootstrap: string; production: string };
  try {
    texts = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    texts = {
      bootstrap: synthesize((app) => new BootstrapStack(app, 'bootstrap')).text,
      production: synthesize((app) => new ProductionStack(app, 'production')).text,
    };
    mkdirSync(dir, { recursive: true });
    // Written whole and renamed, so a parallel test worker never reads half a file.
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, JSON.stringify(texts));
    renameSync(partial, file);
  }
  loaded = {
    bootstrap: { text: texts.bootstrap, json: JSON.parse(texts.bootstrap) },
    production: { text: texts.production, json: JSON.parse(texts.production) },
  };
  return loaded;
}

/** Values for the production variables without a default: dummies a plan accepts. */
export const PRODUCTION_REQUIRED = {
  domain_name: 'app.example.com',
  github_token: 'ghp_test_dummy',
  image_tag: 'c42b199',
  auth_admin_email: 'admin@example.com',
} as const;
