import type { CliIo } from './cli-io';
import { CliError, EXIT, UsageError } from './cli-io';
import type { Command } from './command';
import { uploadCommand } from './upload-command';
import { statusCommand } from './status-command';
import { dlqCommand } from './dlq-command';
import { reprocessCommand } from './reprocess-command';
import { statsCommand } from './stats-command';
import { listCommand } from './list-command';
import { deleteCommand } from './delete-command';

export { processIo } from './cli-io';

const COMMANDS: Readonly<Record<string, Command>> = {
  upload: uploadCommand,
  status: statusCommand,
  list: listCommand,
  dlq: dlqCommand,
  reprocess: reprocessCommand,
  delete: deleteCommand,
  stats: statsCommand,
};

/** The top-level `--help`. */
export const MAIN_HELP = [
  'imgpipe - upload images to the imgpipe pipeline and follow their processing',
  '',
  'Usage',
  '  imgpipe <command> [options]',
  '',
  'Commands',
  ...Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(11)}${command.summary}`),
  '',
  'Targets the local stack (`npm start`) unless --aws, --profile or --region is given;',
  'on AWS, resource names come from SSM parameters under /imgpipe/<stage>/. Every command',
  'takes --help (options, examples, its exit status) and --json (output for scripts).',
  '',
  'Exit status',
  '  0    success',
  '  1    a failure in the work: a file, image, key, message or AWS call failed, messages were',
  '       left in a DLQ, or the local stack is not running (the message says how to start it)',
  '  2    a mistake in the command line',
  '  3    nothing to do: `dlq cancel` found no move task running, `delete` no object',
  '  130  interrupted (Ctrl-C): work in flight is finished, nothing new is started',
  '',
  'Examples',
  '  imgpipe upload ./photos --owner alice --wait',
  '  imgpipe status "photos/beach + sunset.jpg"',
  '  imgpipe list --owner alice --status rejected',
  '  imgpipe dlq list all',
  '  imgpipe dlq replay resize --key "photos/"',
  '  imgpipe reprocess --prefix "albums/2024/" --service resize',
  '  imgpipe delete "photos/beach + sunset.jpg" --wait',
  '  imgpipe upload --help',
  '',
].join('\n');

/**
 * Runs one `imgpipe` command line and returns its exit code: 0 success, 1 a failure in
 * the work, 2 a mistake in the command line, 3 nothing to do, 130 interrupted.
 *
 * @example
 * process.exitCode = await main(['status', 'photo.jpg'], processIo());
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr.write(MAIN_HELP);
    return EXIT.usage;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(MAIN_HELP);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    const what = name.startsWith('-') ? `unknown option '${name}'` : `unknown command '${name}'`;
    io.stderr.write(`imgpipe: ${what}\nRun \`imgpipe --help\` for the commands.\n`);
    return EXIT.usage;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(
        `imgpipe ${name}: ${error.message}\nRun \`imgpipe ${name} --help\` for usage.\n`,
      );
      return EXIT.usage;
    }
    if (error instanceof CliError) {
      io.stderr.write(`imgpipe ${name}: ${error.message}\n`);
      return EXIT.failure;
    }
    throw error;
  }
}
