/**
 * Names of the bootstrap's state bucket and lock table for one deployment
 * (`name_prefix`-`environment`). Written once: the bootstrap creates them, its
 * `backend_config` output and backend.config name them, and the production
 * stack's deployment guard and `npm run check` refuse a backend.config whose
 * bucket belongs to another deployment.
 */
export function stateBucketName(namePrefix: string, environment: string): string {
  return `${namePrefix}-terraform-state-${environment}`;
}

export function lockTableName(namePrefix: string, environment: string): string {
  return `${namePrefix}-terraform-locks-${environment}`;
}

/** Where the production stack keeps its state inside the bucket (the spec's key); the bootstrap's own moves to `bootstrap/terraform.tfstate`. */
export const PRODUCTION_STATE_KEY = 'production/terraform.tfstate';
