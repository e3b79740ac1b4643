import { Fn, propertyAccess, TerraformCount, TerraformElement, TerraformResource, TerraformStack, Token } from 'cdktn';
import { Construct, IConstruct, Node } from 'constructs';

/**
 * Constructs whose own id is left out of the Terraform addresses below them.
 * The bootstrap stack's module is the whole root module in the spec, so its
 * resources keep the spec's bare names (`aws_s3_bucket.terraform_state`).
 */
const flattened = new WeakSet<IConstruct>();

/** Leave `scope`'s id out of the Terraform addresses of everything below it. */
export function flattenAddresses(scope: IConstruct): void {
  flattened.add(scope);
}

const ADDRESS = /^[a-z][a-z0-9_]*$/;

/**
 * The Terraform address (logical id) of an element: the construct ids from the
 * stack down, without flattened scopes, joined with `_`, kebab-case turned into
 * snake_case. `modules/database` id `database` + resource id `main` gives
 * `aws_db_instance.database_main`.
 */
function logicalIdOf(node: Node, stack: IConstruct): string {
  const scopes = node.scopes;
  const below = scopes.slice(scopes.indexOf(stack) + 1);
  const parts = below.filter((c, i) => i === below.length - 1 || !flattened.has(c)).map((c) => c.node.id);
  return parts.join('_').replace(/-/g, '_');
}

/**
 * A stack whose Terraform addresses are readable and stable: derived from the
 * construct path with no hash suffix (cdktf's default appends one), so a
 * person can `terraform state mv` them and tests can pin them. Two elements
 * that would share an address fail the synth instead of silently overwriting
 * each other in the JSON.
 */
export class AddressedStack extends TerraformStack {
  private readonly owners = new Map<string, string>();

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // The spec's floor: `moved` blocks, variable validation messages that reference the value, import blocks.
    this.addOverride('terraform.required_version', '>= 1.5.0');
  }

  /**
   * cdktn's prepare step resolves every element once more before the synth,
   * only to find references from one stack into another and wire them through
   * outputs and remote state: half of the synth's time. The stacks here share
   * no reference (the production stack finds the state bucket by name, in its
   * backend configuration), so only the backend default is kept. A test
   * synthesizes the app with cdktn's own step and compares.
   */
  prepareStack(): void {
    this.ensureBackendExists();
  }

  protected allocateLogicalId(element: TerraformElement | Node): string {
    const node = TerraformElement.isTerraformElement(element) ? element.node : element;
    const address = logicalIdOf(node, this);
    if (!ADDRESS.test(address)) {
      throw new Error(
        `Construct path "${node.path}" gives the Terraform address "${address}", which is not snake_case; ` +
          'use lowercase kebab-case construct ids.',
      );
    }
    const owner = this.owners.get(address);
    if (owner !== undefined && owner !== node.path) {
      throw new Error(
        `Constructs "${owner}" and "${node.path}" would both get the Terraform address "${address}"; ` +
          'give one of them another id.',
      );
    }
    this.owners.set(address, node.path);
    return address;
  }
}

const movesOf = new WeakMap<TerraformStack, Array<{ from: string; to: string }>>();

/** The address of a resource in its stack (`type.name`). */
export function addressOf(resource: TerraformResource): string {
  return `${resource.terraformResourceType}.${TerraformStack.of(resource).getLogicalId(resource)}`;
}

/**
 * A `moved` block: the state of `resource` becomes `resource{key}` at the
 * next plan instead of a destroy and a create, for a resource that gains
 * `count` (`[0]`) or `for_each` (`["key"]`). Works in any stack.
 */
export function moveToInstance(resource: TerraformResource, key: string): void {
  const stack = TerraformStack.of(resource);
  const moves = movesOf.get(stack) ?? [];
  movesOf.set(stack, moves);
  const from = addressOf(resource);
  moves.push({ from, to: `${from}${key}` });
  stack.addOverride('moved', [...moves]);
}

/**
 * Make a resource optional: `count` (0 or 1). One that always existed gets
 * a `moved` block that takes its state to instance `[0]`, so deployments
 * from before keep it instead of planning a destroy and a create.
 */
export function optionalResource(resource: TerraformResource, count: TerraformCount, existedBefore = true): void {
  resource.count = count;
  if (existedBefore) moveToInstance(resource, '[0]');
}

/** `one(resource[*].attribute)`: the attribute of an optional resource, null when it has no instance. */
export function optionalAttribute(resource: TerraformResource, attribute: string): string {
  return Token.asString(Fn.one(propertyAccess(resource.fqn, ['*', attribute])));
}
