import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMetricsCollector } from './metrics-collector';
import { emfLine } from './emf-fixture';

const emfDocument = emfLine('resize-service', { ImagesProcessed: 1 });

describe('startMetricsCollector', () => {
  const dir = mkdtempSync(join(tmpdir(), 'imgpipe-metrics-'));

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('given EMF lines a function process hands over, then the snapshot counts them, and the stack process keeps its own stdout', () => {
    const write = process.stdout.write;
    const file = join(dir, 'metrics.json');
    const collector = startMetricsCollector({ services: ['resize-service'], file });

    // Functions run in processes of their own: nothing here writes EMF to this stdout.
    expect(process.stdout.write).toBe(write);
    expect(collector.take(emfDocument)).toBe(true);
    expect(collector.take('resize-service: a log line')).toBe(false);
    collector.stop();

    const snapshot = JSON.parse(readFileSync(file, 'utf8')) as {
      services: Record<string, { processed: number }>;
    };
    expect(snapshot.services['resize-service']?.processed).toBe(1);
  });
});
