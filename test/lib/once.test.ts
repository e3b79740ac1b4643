import { App, IResolvable, IResolveContext, Op, TerraformStack, TerraformVariable, Testing } from 'cdktn';
import { once } from '../../lib/once';

/** An expression that counts how often it is rendered. */
class Counted implements IResolvable {
  readonly creationStack: string[] = [];
  renders = 0;
  resolve(context: IResolveContext): string {
    this.renders++;
    return context.suppressBraces ? 'var.x' : '${var.x}';
  }
}

function rendered(build: (stack: TerraformStack) => unknown): string {
  const stack = new TerraformStack(Testing.app() as App, 'test');
  const variable = new TerraformVariable(stack, 'out', { type: 'bool' });
  variable.addValidation({ condition: build(stack), errorMessage: 'm' });
  return JSON.parse(Testing.synth(stack)).variable.out.validation[0].condition;
}

describe('once', () => {
  test('renders an expression exactly as cdktn does, at the top and nested', () => {
    const plain = rendered(() => Op.not(Op.or(Op.eq(1, 2), Op.lt(3, 4))));
    expect(rendered(() => Op.not(once(Op.or(Op.eq(1, 2), Op.lt(3, 4)))))).toBe(plain);
    expect(rendered(() => once(Op.or(Op.eq(1, 2), Op.lt(3, 4))))).toBe(rendered(() => Op.or(Op.eq(1, 2), Op.lt(3, 4))));
  });

  test('renders its expression a single time however deep it sits', () => {
    const inner = new Counted();
    const nest = (x: unknown) => Op.and(Op.not(Op.and(Op.not(x), true)), true);
    rendered(() => nest(nest(once(inner))));
    expect(inner.renders).toBe(1);
  });

  test('without it, the nested operand is rendered once per level and more: the cost it removes', () => {
    const inner = new Counted();
    const nest = (x: unknown) => Op.and(Op.not(Op.and(Op.not(x), true)), true);
    rendered(() => nest(nest(inner)));
    expect(inner.renders).toBeGreaterThanOrEqual(16);
  });
});
