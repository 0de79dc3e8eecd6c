import { tmpdir } from 'node:os';
import { main } from './main';
import { captureIo } from './test-io';

async function run(argv: string[]) {
  const io = captureIo({ cwd: tmpdir() });
  const code = await main(argv, io);
  return { code, out: io.stdoutText(), err: io.stderrText() };
}

describe('imgpipe command line', () => {
  it('lists the commands on --help and exits 0', async () => {
    const { code, out } = await run(['--help']);

    expect(code).toBe(0);
    expect(out).toMatch(/^ {2}upload {5}upload images to the source bucket$/m);
    expect(out).toMatch(/^ {2}status {5}show the image record of each key$/m);
    expect(out).toMatch(/^ {2}reprocess {2}run every service again on uploaded images$/m);
  });

  it('prints each command help with its options and examples', async () => {
    const upload = await run(['upload', '--help']);
    const status = await run(['status', '-h']);

    expect(upload.code).toBe(0);
    expect(upload.out).toContain('--concurrency <n>');
    expect(upload.out).toContain('--wait');
    expect(upload.out).toContain('Examples\n  imgpipe upload photo.jpg\n');
    expect(status.code).toBe(0);
    expect(status.out).toContain('--json');
    expect(status.out).toContain('--stack <file>');
  });

  it('rejects an unknown command or option with exit 2 and a pointer to help', async () => {
    expect(await run(['uplaod'])).toEqual({
      code: 2,
      out: '',
      err: "imgpipe: unknown command 'uplaod'\nRun `imgpipe --help` for the commands.\n",
    });
    expect(await run(['upload', 'a.jpg', '--colour'])).toEqual({
      code: 2,
      out: '',
      err: "imgpipe upload: unknown option '--colour'\nRun `imgpipe upload --help` for usage.\n",
    });
  });

  it('rejects a missing value, missing operands and out-of-range numbers with exit 2', async () => {
    const missingValue = await run(['upload', 'a.jpg', '--owner']);
    const noKeys = await run(['status']);
    const badConcurrency = await run(['upload', 'a.jpg', '--concurrency', '0']);
    const badOwner = await run(['upload', 'a.jpg', '--owner', 'zoë']);

    expect(missingValue.code).toBe(2);
    expect(missingValue.err).toContain("option '--owner <value>' argument missing");
    expect(noKeys).toMatchObject({
      code: 2,
      err: expect.stringContaining('imgpipe status: missing <key...>'),
    });
    expect(badConcurrency.err).toContain(
      "--concurrency must be a whole number from 1 to 64, got '0'",
    );
    expect(badOwner.err).toContain('--owner must be printable ASCII');
  });

  it('exits 2 with the command list when no command is given', async () => {
    const { code, err } = await run([]);

    expect(code).toBe(2);
    expect(err).toContain('Commands');
  });

  it.each([
    'upload',
    'status',
    'list',
    'reprocess',
    'delete',
    'stats',
    'dlq list',
    'dlq replay',
    'dlq cancel',
  ])('gives `imgpipe %s --help` with examples, --json and the exit status', async (command) => {
    const { code, out } = await run([...command.split(' '), '--help']);

    expect(code).toBe(0);
    expect(out).toMatch(/\nExamples\n {2}imgpipe /);
    expect(out).toMatch(/ {2}--json +\S/);
    expect(out).toMatch(/Exit status: 0 /);
  });

  it('documents the exit codes at the top level', async () => {
    const { out } = await run(['--help']);

    expect(out).toContain('Exit status\n  0    success\n');
    expect(out).toContain('  3    nothing to do');
    expect(out).toMatch(/^ {2}list {7}list images, newest first/m);
  });
});
