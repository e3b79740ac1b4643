import { IResolvable, IResolveContext, Token } from 'cdktn';

/**
 * A sub-expression that is rendered a single time, however deep it sits.
 *
 * cdktn 0.24 (like cdktf 0.21 before it) resolves every operand of an operator twice (once to render it,
 * once more to tell a plain string from a token), so an expression's synth
 * time doubles with each level of nesting: the cidr checks, nine levels deep,
 * took ~70 ms each, a third of the whole synth. Rendering does not depend on
 * where an expression sits (only whether it is wrapped in `${}`), so the text
 * is kept and the wrapping decided per use. For pure expressions only: its
 * text must not depend on the resolving scope (cross-stack references do).
 */
class Once implements IResolvable {
  readonly creationStack: string[] = [];
  private text?: string;

  constructor(private readonly expression: unknown) {}

  resolve(context: IResolveContext): string {
    const braces = !context.suppressBraces;
    // How cdktn's own expressions render their operands: inside an expression, without `${}`.
    context.suppressBraces = true;
    this.text ??= String(context.resolve(this.expression));
    return braces ? `\${${this.text}}` : this.text;
  }
}

export function once(expression: unknown): IResolvable {
  return new Once(expression);
}

export function onceString(expression: unknown): string {
  return Token.asString(new Once(expression));
}

export function onceNumber(expression: unknown): number {
  return Token.asNumber(new Once(expression));
}
