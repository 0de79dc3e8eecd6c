import { tmpdir } from 'node:os';
import { main } from './main';
import { queueResources, ssmParameterName } from './ssm-parameters';
import { captureIo } from './test-io';

async function run(argv: string[]) {
  const io = captureIo({ cwd: tmpdir() });
  const code = await main(argv, io);
  return { code, out: io.stdoutText(), err: io.stderrText() };
}

describe('imgpipe dlq command line', () => {
  it('given --help, then the top level lists dlq and dlq lists its subcommands', async () => {
    const top = await run(['--help']);
    const dlq = await run(['dlq', '--help']);

    expect(top.out).toMatch(/^ {2}dlq {8}list, replay or cancel replays of the dead-letter queues/m);
    expect(dlq).toMatchObject({ code: 0, err: '' });
    expect(dlq.out).toContain(
      "  replay  move a service's dead-letter messages back to its queue\n",
    );
    expect(dlq.out).toContain("  cancel  stop SQS's move task replaying a service's DLQ\n");
  });

  it('given replay --help, then its options are shown without the bucket and table overrides', async () => {
    const { code, out } = await run(['dlq', 'replay', '--help']);

    expect(code).toBe(0);
    expect(out).toContain('Usage\n  imgpipe dlq replay [options] <service...|all>\n');
    expect(out).toMatch(/--dry-run +Show what would be replayed, move nothing/);
    expect(out).toContain(
      '--key <prefix>            Only messages with a key starting with prefix',
    );
    expect(out).toContain('1 messages left, a send or delete failed');
    expect(out).toMatch(/--rate <n> +At most n messages a second \(1-500/);
    expect(out).toContain('--json');
    expect(out).toContain('/imgpipe/<stage>/<service>-service/{queue-url,dlq-url}');
    expect(out).not.toContain('--source-bucket');
  });

  it('given no subcommand, an unknown service, a bad --max or a bad --visibility-timeout, then exit 2 with the reason', async () => {
    expect(await run(['dlq'])).toEqual({
      code: 2,
      out: '',
      err: 'imgpipe dlq: missing list, replay or cancel\nRun `imgpipe dlq --help` for usage.\n',
    });
    expect((await run(['dlq', 'list', 'thumbs'])).err).toContain(
      "unknown service 'thumbs': use resize, watermark, metadata or all",
    );
    expect((await run(['dlq', 'replay', 'all', '--max', '0'])).err).toContain(
      "--max must be a whole number from 1 to 100000, got '0'",
    );
    expect((await run(['dlq', 'replay', 'all', '--rate', '501'])).err).toContain(
      "--rate must be a whole number from 1 to 500, got '501'",
    );
    expect(await run(['dlq', 'replay', 'all', '--visibility-timeout', '0'])).toMatchObject({
      code: 2,
      err: expect.stringContaining(
        "--visibility-timeout must be a whole number from 1 to 43200, got '0'",
      ) as unknown,
    });
  });

  it('given no local stack, then exit 1 saying how to start it', async () => {
    const { code, err } = await run(['dlq', 'list', 'all']);

    expect(code).toBe(1);
    expect(err).toMatch(/^imgpipe dlq: local stack not running: start it with `npm start`/);
  });

  it('given a service, then its AWS queue URLs come from the parameters the service stack writes', () => {
    const { queue, dlq } = queueResources('watermark');

    expect(ssmParameterName('prod', queue)).toBe('/imgpipe/prod/watermark-service/queue-url');
    expect(ssmParameterName('dev', dlq)).toBe('/imgpipe/dev/watermark-service/dlq-url');
    expect(ssmParameterName('dev', 'uploadTopic')).toBe('/imgpipe/dev/upload-topic-arn');
  });
});
