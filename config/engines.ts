import { spawnSync } from 'child_process';
import { EngineVersion } from './s3-backend-schema';

/**
 * The Terraform or OpenTofu CLIs the synthesized stacks will be run with:
 * the one cdktf itself uses when TERRAFORM_BINARY_NAME is set, otherwise
 * whichever of `terraform` and `tofu` is on the PATH. Asked only when
 * backend.config holds a setting some versions refuse.
 */
export function installedEngines(env: NodeJS.ProcessEnv = process.env): EngineVersion[] {
  const commands = env.TERRAFORM_BINARY_NAME ? [env.TERRAFORM_BINARY_NAME] : ['terraform', 'tofu'];
  return commands.flatMap((command) => {
    const run = spawnSync(command, ['version'], { encoding: 'utf8', timeout: 10_000, env });
    const match = /^(Terraform|OpenTofu) v(\d+\.\d+\.\d+\S*)/m.exec(run.stdout ?? '');
    if (run.status !== 0 || !match) return [];
    return [{ engine: match[1] === 'Terraform' ? 'terraform' : 'opentofu', version: match[2], command } as EngineVersion];
  });
}
