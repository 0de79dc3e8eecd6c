import { ContextLogger, currentLogContext, withLogContext } from './log-context';
import { captureLogLines, deferred } from '@imgpipe/testing';

describe('withLogContext and ContextLogger', () => {
  const logger = new ContextLogger({ serviceName: 'test-service', logLevel: 'INFO' });

  it('given two units of work interleaving their awaits, then each line carries its own keys', async () => {
    const aLogged = deferred(2_000, 'a logged first');
    const bLogged = deferred(2_000, 'b logged first');
    const capture = captureLogLines();
    const work = (imageId: string, mine: typeof aLogged, theirs: typeof bLogged) =>
      withLogContext({ imageId, messageId: `m-${imageId}` }, async () => {
        logger.info('first');
        mine.resolve();
        await theirs.promise;
        logger.info('second');
      });

    await Promise.all([work('a.jpg', aLogged, bLogged), work('b.jpg', bLogged, aLogged)]);

    const lines = capture.stop();
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(line['messageId']).toBe(`m-${String(line['imageId'])}`);
    // Both wrote their first line before either wrote its second: the work really interleaved.
    expect(lines.map((line) => line['message'])).toEqual(['first', 'first', 'second', 'second']);
    expect(lines.filter((line) => line['imageId'] === 'a.jpg')).toHaveLength(2);
  });

  it('given a key appended to the shared logger, then the context of the work wins', async () => {
    const capture = captureLogLines();
    logger.appendKeys({ imageId: 'stale.jpg' });

    await withLogContext({ imageId: 'own.jpg' }, async () =>
      logger.createChild().warn('child line'),
    );
    logger.removeKeys(['imageId']);

    expect(capture.stop()).toEqual([
      expect.objectContaining({ message: 'child line', imageId: 'own.jpg' }),
    ]);
  });

  it('given nested contexts, then the inner adds to the outer and nothing leaks outside', () => {
    const inner = withLogContext({ messageId: 'm1' }, () =>
      withLogContext({ imageId: 'a.jpg' }, () => currentLogContext()),
    );

    expect(inner).toEqual({ messageId: 'm1', imageId: 'a.jpg' });
    expect(currentLogContext()).toEqual({});
  });
});
