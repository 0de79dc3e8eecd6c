import { EXIT, UsageError } from './cli-io';
import type { Command, RunCommand } from './command';
import { DLQ_CANCEL_SPEC, dlqCancelCommand } from './dlq-cancel-command';
import { DLQ_LIST_SPEC, dlqListCommand } from './dlq-list-command';
import { DLQ_REPLAY_SPEC, dlqReplayCommand } from './dlq-replay-command';

export { DLQ_LIST_SPEC } from './dlq-list-command';
export { DLQ_REPLAY_SPEC } from './dlq-replay-command';
export { DLQ_CANCEL_SPEC } from './dlq-cancel-command';

const SUBCOMMANDS: Readonly<Record<string, RunCommand>> = {
  list: dlqListCommand.run,
  replay: dlqReplayCommand.run,
  cancel: dlqCancelCommand.run,
};

/** `imgpipe dlq --help`: the subcommands. */
export const DLQ_HELP = [
  'imgpipe dlq - inspect, replay and cancel replays of the dead-letter queues',
  '',
  'Usage',
  '  imgpipe dlq <list|replay|cancel> [options] <service...|all>',
  '',
  'Subcommands',
  `  list    ${DLQ_LIST_SPEC.summary}`,
  `  replay  ${DLQ_REPLAY_SPEC.summary}`,
  `  cancel  ${DLQ_CANCEL_SPEC.summary}`,
  '',
  'Examples',
  '  imgpipe dlq list all',
  '  imgpipe dlq replay resize --aws --rate 50',
  '  imgpipe dlq cancel resize --aws',
  '',
  'Run `imgpipe dlq <subcommand> --help` for its options and exit status.',
  '',
].join('\n');

/**
 * `imgpipe dlq`: dispatches to `list`, `replay` or `cancel`.
 *
 * @example
 * const code = await dlqCommand.run(['replay', 'resize', '--dry-run'], processIo());
 */
export const dlqCommand: Command = {
  summary: 'list, replay or cancel replays of the dead-letter queues (imgpipe dlq --help)',
  run: async (argv, io) => {
    const [sub, ...rest] = argv;
    if (sub === '--help' || sub === '-h' || sub === 'help') {
      io.stdout.write(DLQ_HELP);
      return EXIT.ok;
    }
    const run = sub === undefined ? undefined : SUBCOMMANDS[sub];
    if (run !== undefined) return run(rest, io);
    throw new UsageError(
      sub === undefined
        ? 'missing list, replay or cancel'
        : `unknown subcommand '${sub}': use list, replay or cancel`,
      'dlq',
    );
  },
};
