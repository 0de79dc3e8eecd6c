import { createDynamoDbDocumentClient } from '@imgpipe/aws';
import type { CommandSpec } from './args';
import { flagOption, integerOption, stringOption } from './args';
import { describeAwsError } from './aws-errors';
import { CliError, EXIT, UsageError } from './cli-io';
import { defineCommand } from './command';
import type { ListFilter } from './image-list';
import { LIST_STATUSES, decodeCursor, encodeCursor, listedImage } from './image-list';
import { formatImageList } from './image-list-format';
import { listImages } from './image-list-source';
import { LiveLine } from './live-line';
import { formatScanLine } from './progress-line';
import type { StageState } from './record-state';
import { parseSince } from './since-option';
import { requireResource } from './target';
import { TARGET_OPTIONS } from './target-choice';

/** The `list` command line. */
export const LIST_SPEC: CommandSpec = {
  name: 'list',
  summary: 'list images, newest first, by owner, state and upload time',
  operands: '',
  minOperands: 0,
  description: [
    "Lists image records newest upload first, a page at a time. With --owner it reads the table's",
    'byOwner index backwards (ownerId, uploadedAt), so a page costs only what it shows; without,',
    'it scans the whole table (a progress line on a terminal) and sorts. The state is derived',
    'from the stages as `imgpipe status` shows it: done (every stage done), rejected (every stage',
    'ended, one refused the image), deleted (every stage followed the deletion of its source) or',
    'pending.',
    '',
    'When more images follow, the last line (in --json: `next`) gives the token for the next',
    'page: pass it to --after with the same options.',
    '',
    'Exit status: 0 listed (none found too); 1 the read failed or the target is unreachable; 2 a',
    'mistake in the command line.',
  ].join('\n'),
  groups: [
    {
      title: 'List options',
      options: {
        owner: { type: 'string', value: '<owner>', description: "Only this owner's images" },
        status: {
          type: 'string',
          value: '<state>',
          description: `Only images in this state: ${LIST_STATUSES.join(', ')}`,
        },
        since: {
          type: 'string',
          value: '<when>',
          description: 'Only images uploaded since: a date (2026-11-27), a time, or 90m, 6h, 2d',
        },
        limit: { type: 'string', value: '<n>', description: 'At most n per page (default: 100)' },
        after: {
          type: 'string',
          value: '<token>',
          description: 'Continue after the page that printed this token',
        },
        json: {
          type: 'boolean',
          description: 'One JSON document: { images: [...], next: token or null }',
        },
      },
    },
    TARGET_OPTIONS,
  ],
  examples: [
    'imgpipe list --owner alice',
    'imgpipe list --owner alice --status rejected --since 2d',
    'imgpipe list --status pending --limit 20',
    'imgpipe list --owner alice --json | jq -r ".images[].imageId"',
    'imgpipe list --owner alice --after eyJpbWFnZUlkIjoi…',
  ],
};

/**
 * `imgpipe list`: one page of image records, newest first.
 *
 * @example
 * const code = await listCommand.run(['--owner', 'alice', '--json'], processIo());
 */
export const listCommand = defineCommand(LIST_SPEC, async (context) => {
  const { args, io } = context;
  if (args.operands.length > 0)
    throw new UsageError(`takes no operands, got '${args.operands[0]}'`, LIST_SPEC.name);
  const owner = stringOption(args, 'owner');
  const filter = filterOf(stringOption(args, 'status'), stringOption(args, 'since'));
  const limit = integerOption(args, 'limit', { fallback: 100, min: 1, max: 10_000 }, 'list');
  const afterToken = stringOption(args, 'after');
  const after = afterToken === undefined ? undefined : decodeCursor(afterToken, LIST_SPEC.name);
  const json = flagOption(args, 'json');
  const target = await context.target();
  const table = requireResource(target, 'table');
  const db = createDynamoDbDocumentClient(target.config);
  const line =
    owner === undefined && !json && io.stderr.isTTY === true ? new LiveLine(io.stderr) : undefined;
  const started = Date.now();
  let page;
  try {
    page = await listImages(db, table, {
      filter,
      limit,
      ...(owner !== undefined ? { owner } : {}),
      ...(after !== undefined ? { after } : {}),
      onScanProgress: (read, matching) =>
        line?.update((width) =>
          formatScanLine({ table, read, matching, elapsedMs: Date.now() - started }, width),
        ),
    });
  } catch (error) {
    throw new CliError(`listing ${table} failed: ${describeAwsError(error, target)}`);
  } finally {
    line?.end();
  }
  const images = page.images.map(listedImage);
  const next = page.next === undefined ? null : encodeCursor(page.next);
  if (json) {
    io.stdout.write(`${JSON.stringify({ images, next })}\n`);
    return EXIT.ok;
  }
  io.stdout.write(formatImageList(images));
  if (next !== null) io.stdout.write(`more: --after ${next}\n`);
  return EXIT.ok;
});

function filterOf(status: string | undefined, since: string | undefined): ListFilter {
  if (status !== undefined && !(LIST_STATUSES as readonly string[]).includes(status))
    throw new UsageError(
      `--status must be ${LIST_STATUSES.join(', ')}, got '${status}'`,
      LIST_SPEC.name,
    );
  return {
    ...(status !== undefined ? { status: status as StageState } : {}),
    ...(since !== undefined ? { since: parseSince(since, new Date(), LIST_SPEC.name) } : {}),
  };
}
