import { Fn, IResolvable, TerraformCount, Token } from 'cdktn';

/**
 * A choice among options known at synth time, made at plan time by a
 * Terraform string such as a variable. Everything every option needs is
 * synthesized; a part that only some options have exists for those (`count`),
 * and an argument that differs takes the chosen option's value (`pick`).
 * Switching options is then an ordinary plan, not a new synth.
 */
export class Choice<K extends string = string> {
  /**
   * @param selector Terraform string that names the chosen option, e.g. `var.everruns_architecture`.
   * @param options Every option, in the order the variable's message lists them.
   */
  constructor(
    public readonly selector: string,
    public readonly options: readonly K[],
  ) {
    if (options.length === 0) throw new Error('A Choice needs at least one option.');
  }

  /** Whether `among` names every option: a part they all have needs no count. */
  public coversAll(among: readonly K[]): boolean {
    return this.options.every((option) => among.includes(option));
  }

  /** Terraform boolean: the chosen option is one of `among`. */
  public isOneOf(among: readonly K[]): IResolvable {
    return Fn.contains([...among], this.selector);
  }

  /** `count` 1 when the chosen option is one of `among`, else 0; none when `among` names every option. */
  public countFor(among: readonly K[]): TerraformCount | undefined {
    if (this.coversAll(among)) return undefined;
    return TerraformCount.of(Token.asNumber(Fn.conditional(this.isOneOf(among), 1, 0)));
  }

  /** The chosen option's value; the value itself when every option has the same one. */
  public pick(values: Readonly<Record<K, string>>): string {
    const distinct = new Set(this.options.map((option) => values[option]));
    if (distinct.size === 1) return values[this.options[0]];
    return Token.asString(Fn.lookup(Object.fromEntries(this.options.map((option) => [option, values[option]])), this.selector));
  }
}

/**
 * What a choice wrote, read back from synthesized JSON by the tools and tests
 * that evaluate a stack for one option without an engine.
 */
export const chosen = {
  /**
   * The option's entry in a per-option value (`${{"a" = x, "b" = y}[selector]}`): a reference
   * such as `local.x`, or a JSON string literal; undefined when `expression` is not one.
   */
  value(expression: string, selector: string, option: string): string | undefined {
    const pick = new RegExp(`^\\$\\{\\{(.*)\\}\\[${escape(selector)}\\]\\}$`).exec(expression);
    if (!pick) return undefined;
    const entries = [...pick[1].matchAll(/"([A-Za-z0-9_-]+)" = (local\.[a-z0-9_]+|"(?:[^"\\]|\\.)*")/g)];
    const entry = entries.find((m) => m[1] === option);
    if (!entry) throw new Error(`${expression} has no value for ${option}`);
    return entry[2];
  },
  /** Whether a `count` the choice wrote (`${contains([...], selector) ? 1 : 0}`) is 1 for the option; undefined for another shape. */
  exists(count: string, selector: string, option: string): boolean | undefined {
    const m = new RegExp(`^\\$\\{contains\\((\\[[^\\]]*\\]), ${escape(selector)}\\) \\? 1 : 0\\}$`).exec(count);
    return m ? (JSON.parse(m[1]) as string[]).includes(option) : undefined;
  },
};

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
