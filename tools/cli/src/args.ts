import { parseArgs } from 'node:util';
import { UsageError } from './cli-io';

/** One option of a command, with what its help shows. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** Placeholder for the value in help, e.g. `<n>`. */
  readonly value?: string;
  readonly description: string;
}

/** A titled group of options in a command's help. */
export interface OptionGroup {
  readonly title: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
}

/** A command's command line: parsed from it, and its `--help` generated from it. */
export interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  /** What follows the options in the usage line, e.g. `<key...>`. */
  readonly operands: string;
  readonly minOperands: number;
  readonly description: string;
  readonly groups: readonly OptionGroup[];
  readonly examples: readonly string[];
}

/** Option values by long name, and the operands. */
export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly operands: readonly string[];
  readonly help: boolean;
}

const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', description: 'Show this help' };

/**
 * Parses a command's arguments strictly: an unknown option, a missing value or too few
 * operands is a {@link UsageError} naming the command. `--help` wins over everything else.
 *
 * @example
 * const args = parseCommandArgs(uploadSpec, ['./photos', '--owner', 'alice']);
 * args.values['owner']; // 'alice'
 */
export function parseCommandArgs(spec: CommandSpec, argv: readonly string[]): ParsedArgs {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {
    help: HELP_OPTION,
  };
  for (const group of spec.groups) {
    for (const [name, option] of Object.entries(group.options)) {
      options[name] = option.short
        ? { type: option.type, short: option.short }
        : { type: option.type };
    }
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    // node's messages go on to explain `--` for positionals starting with '-': keep the
    // first sentence, which names the option.
    const message = (error as Error).message.split('. To specify')[0] ?? String(error);
    throw new UsageError(lowerFirst(message.replace(/\.$/, '')), spec.name);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const help = values['help'] === true;
  if (!help && parsed.positionals.length < spec.minOperands) {
    throw new UsageError(`missing ${spec.operands}`, spec.name);
  }
  return { values, operands: parsed.positionals, help };
}

/**
 * A string option's value, or undefined when it was not given.
 *
 * @example
 * const owner = stringOption(args, 'owner');
 */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Whether a boolean option was given.
 *
 * @example
 * if (flagOption(args, 'json')) printJson(result);
 */
export function flagOption(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}

/**
 * A whole-number option within bounds, or its default when absent.
 *
 * @throws UsageError when the value is not a whole number in range.
 * @example
 * integerOption(args, 'concurrency', { fallback: 4, min: 1, max: 64 }, 'upload');
 */
export function integerOption(
  args: ParsedArgs,
  name: string,
  bounds: { readonly fallback: number; readonly min: number; readonly max: number },
  command: string,
): number {
  const raw = stringOption(args, name);
  if (raw === undefined) return bounds.fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < bounds.min || value > bounds.max) {
    throw new UsageError(
      `--${name} must be a whole number from ${bounds.min} to ${bounds.max}, got '${raw}'`,
      command,
    );
  }
  return value;
}

/**
 * A command's `--help` text: usage, description, option groups and examples.
 *
 * @example
 * io.stdout.write(formatCommandHelp(statusSpec));
 */
export function formatCommandHelp(spec: CommandSpec): string {
  const lines = [
    `imgpipe ${spec.name} - ${spec.summary}`,
    '',
    'Usage',
    `  imgpipe ${spec.name} [options] ${spec.operands}`,
    '',
    ...spec.description.split('\n').map((line) => (line ? `  ${line}` : '')),
  ];
  const groups = [...spec.groups, { title: 'General', options: { help: HELP_OPTION } }];
  const labels = groups.flatMap((group) =>
    Object.entries(group.options).map(([name, o]) => optionLabel(name, o)),
  );
  const width = Math.max(...labels.map((label) => label.length)) + 2;
  for (const group of groups) {
    lines.push('', group.title);
    for (const [name, option] of Object.entries(group.options)) {
      lines.push(`  ${optionLabel(name, option).padEnd(width)}${option.description}`);
    }
  }
  lines.push('', 'Examples', ...spec.examples.map((example) => `  ${example}`), '');
  return lines.join('\n');
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function optionLabel(name: string, option: OptionSpec): string {
  const short = option.short ? `-${option.short}, ` : '    ';
  return `${short}--${name}${option.value ? ` ${option.value}` : ''}`;
}
