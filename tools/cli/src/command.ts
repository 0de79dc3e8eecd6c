import { existsSync } from 'node:fs';
import type { CommandSpec, ParsedArgs } from './args';
import { formatCommandHelp, parseCommandArgs } from './args';
import type { CliIo } from './cli-io';
import { EXIT } from './cli-io';
import type { Target } from './target';
import { resolveTarget } from './target';
import type { TargetChoice } from './target-choice';
import { chooseTarget, resourceOverrides } from './target-choice';

/** Runs one command line of a command and returns its exit code. */
export type RunCommand = (argv: readonly string[], io: CliIo) => Promise<number>;

/** A command as `main` lists and runs it. */
export interface Command {
  readonly summary: string;
  readonly run: RunCommand;
}

/** What a command's body gets once its command line parsed and `--help` was not asked. */
export interface CommandContext {
  readonly args: ParsedArgs;
  readonly io: CliIo;
  /**
   * The deployment the target options choose. A command calls it after its own options
   * are checked, so a mistake in the command line is reported even with no stack running.
   */
  readonly choose: () => TargetChoice;
  /** The chosen deployment (or `choice`), resolved, with `--source-bucket`/`--table` applied. */
  readonly target: (choice?: TargetChoice) => Promise<Target>;
}

/**
 * A command from its spec and its body: the prologue every command shares — strict parsing
 * (a usage error reaches `main`, exit 2), `--help` printed from the spec (exit 0) and the
 * target choice under the command's name — is done here once.
 *
 * @example
 * export const statusCommand = defineCommand(STATUS_SPEC, async ({ args, target }) => {
 *   const table = requireResource(await target(), 'table');
 *   return EXIT.ok;
 * });
 * const code = await statusCommand.run(['a.jpg'], processIo());
 */
export function defineCommand(
  spec: CommandSpec,
  body: (context: CommandContext) => Promise<number>,
): Command {
  return {
    summary: spec.summary,
    run: async (argv, io) => {
      const args = parseCommandArgs(spec, argv);
      if (args.help) {
        io.stdout.write(formatCommandHelp(spec));
        return EXIT.ok;
      }
      const choose = () => chooseTarget(args, io.env, io.cwd, existsSync, spec.name);
      return body({
        args,
        io,
        choose,
        target: (choice = choose()) => resolveTarget(choice, resourceOverrides(args), io.env),
      });
    },
  };
}
