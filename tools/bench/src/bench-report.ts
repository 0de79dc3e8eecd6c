import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchPart } from './bench-args';
import type { EnvironmentFacts } from './environment';
import { describeEnvironment } from './environment';
import { formatMarkdownTable } from './markdown-table';
import { formatTable } from './stats';

/** One table of the results, with what it measured and how to read it. */
export interface ReportSection {
  readonly part: BenchPart;
  readonly title: string;
  /** First row the header; cells already formatted. */
  readonly rows: readonly (readonly string[])[];
  /** Assumptions, targets and caveats, one sentence each. */
  readonly notes: readonly string[];
  /** The figures behind the table, unrounded, for the JSON file. */
  readonly data?: unknown;
}

/** A whole run: where and how it ran, and its sections. */
export interface BenchResults {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly command: string;
  readonly environment: EnvironmentFacts;
  readonly sections: readonly ReportSection[];
}

/**
 * A section as the terminal shows it: title, aligned table, notes.
 *
 * @example
 * process.stdout.write(`${sectionText(section)}\n`);
 */
export function sectionText(section: ReportSection): string {
  return [
    `${section.title}:`,
    formatTable(section.rows),
    ...section.notes.map((note) => `  ${note}`),
  ].join('\n');
}

/**
 * The results as a Markdown document: the machine and command first, then a heading, a
 * table and the notes per section.
 *
 * @example
 * writeFileSync('results.md', resultsMarkdown(results));
 */
export function resultsMarkdown(results: BenchResults): string {
  const lines = [
    '# imgpipe bench results',
    '',
    `- machine: ${describeEnvironment(results.environment)}`,
    `- command: \`${results.command}\``,
    `- run: ${results.startedAt} → ${results.finishedAt}`,
    '',
  ];
  for (const section of results.sections) {
    lines.push(`## ${section.title}`, '', formatMarkdownTable(section.rows), '');
    if (section.notes.length > 0) lines.push(...section.notes.map((note) => `- ${note}`), '');
  }
  return lines.join('\n');
}

/**
 * The file name (without extension) for a run of `parts`: `bench-results` for a full run,
 * else the parts joined, so a partial run does not overwrite the full one.
 *
 * @example
 * resultsBaseName(['cold-start', 'e2e'], 8); // 'bench-results-cold-start+e2e'
 */
export function resultsBaseName(parts: readonly BenchPart[], allParts: number): string {
  return parts.length === allParts ? 'bench-results' : `bench-results-${parts.join('+')}`;
}

/**
 * Writes `<base>.md` and `<base>.json` into `dir` and returns their paths.
 *
 * @example
 * writeResults('tools/bench/results', 'bench-results', results);
 */
export function writeResults(dir: string, base: string, results: BenchResults): string[] {
  mkdirSync(dir, { recursive: true });
  const markdown = join(dir, `${base}.md`);
  const json = join(dir, `${base}.json`);
  writeFileSync(markdown, resultsMarkdown(results));
  writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  return [markdown, json];
}
