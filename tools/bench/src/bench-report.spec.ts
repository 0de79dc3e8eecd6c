import { resultsBaseName, resultsMarkdown, sectionText } from './bench-report';
import type { BenchResults, ReportSection } from './bench-report';

const section: ReportSection = {
  part: 'cold-start',
  title: 'Cold start',
  rows: [
    ['bundle', 'ratio'],
    ['resize', '1.08×'],
  ],
  notes: ['floor = node + sharp + the SDK clients'],
};

const results: BenchResults = {
  startedAt: '2026-11-27T18:00:00.000Z',
  finishedAt: '2026-11-27T18:10:00.000Z',
  command: 'npm run bench -- --only cold-start',
  environment: {
    node: 'v20.20.2',
    sharp: '0.35.5',
    libvips: '8.18.7',
    cpus: 2,
    cpuModel: 'AMD EPYC',
    memoryGiB: 24,
    mallocArenaMax: '2',
    sharpConcurrency: 2,
    loadAverage: [1.5, 2],
    platform: 'linux-x64',
  },
  sections: [section],
};

describe('sectionText', () => {
  it('given a section, when printed, then title, aligned table and indented notes follow each other', () => {
    expect(sectionText(section)).toBe(
      'Cold start:\nbundle  ratio\nresize  1.08×\n  floor = node + sharp + the SDK clients',
    );
  });
});

describe('resultsMarkdown', () => {
  it('given results, when rendered, then the machine, the command, and each section as a Markdown table appear', () => {
    const markdown = resultsMarkdown(results);

    expect(markdown).toContain(
      '- machine: node v20.20.2, sharp 0.35.5 (libvips 8.18.7), 2 × AMD EPYC',
    );
    expect(markdown).toContain('- command: `npm run bench -- --only cold-start`');
    expect(markdown).toContain(
      '## Cold start\n\n| bundle | ratio |\n| :-- | --: |\n| resize | 1.08× |\n\n- floor = node + sharp + the SDK clients',
    );
  });
});

describe('resultsBaseName', () => {
  it('given every part, when named, then it is the full results file', () => {
    expect(resultsBaseName(['jobs', 'e2e'], 2)).toBe('bench-results');
  });

  it('given some parts, when named, then the parts are in the name', () => {
    expect(resultsBaseName(['cold-start', 'e2e'], 8)).toBe('bench-results-cold-start+e2e');
  });
});
