import { readdir, stat } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { keyProblem, objectKey, pathParts } from './object-key';

/** A file to upload and the key it goes to. */
export interface LocalFile {
  /** The path as the user will recognise it (relative to the working directory if inside it). */
  readonly path: string;
  readonly absolutePath: string;
  readonly key: string;
  readonly size: number;
}

/** An input that yields nothing to upload, and why. */
export interface InputProblem {
  readonly path: string;
  readonly reason: string;
}

/** What the inputs hold: files to upload, and inputs or files that cannot be. */
export interface Discovery {
  readonly files: readonly LocalFile[];
  readonly problems: readonly InputProblem[];
}

/**
 * Finds the files named by the inputs: a file as itself, keyed by its name; a folder
 * recursively, keyed by the path relative to it. Hidden entries (`.name`) inside folders
 * are skipped; symlinked files are followed, symlinked folders are not (they can loop).
 * Files come in input order, each folder sorted by name, so runs are repeatable.
 *
 * @example
 * const { files, problems } = await discoverFiles(['photos', 'cover.jpg'], 'albums/', process.cwd());
 * files.map((f) => f.key); // ['albums/trips/a.jpg', 'albums/cover.jpg']
 */
export async function discoverFiles(
  inputs: readonly string[],
  prefix: string,
  cwd: string,
): Promise<Discovery> {
  const files: LocalFile[] = [];
  const problems: InputProblem[] = [];
  const add = (absolutePath: string, parts: readonly string[], size: number): void => {
    const key = objectKey(prefix, parts);
    const shown = displayPath(absolutePath, cwd);
    const problem = keyProblem(key);
    if (problem) problems.push({ path: shown, reason: problem });
    else files.push({ path: shown, absolutePath, key, size });
  };
  for (const input of inputs) {
    const absolute = resolve(cwd, input);
    const stats = await stat(absolute).catch((error: NodeJS.ErrnoException) => {
      problems.push({
        path: input,
        reason: error.code === 'ENOENT' ? 'no such file or folder' : error.message,
      });
      return undefined;
    });
    if (stats === undefined) continue;
    if (stats.isDirectory()) {
      for await (const found of walk(absolute)) {
        add(found.path, pathParts(relative(absolute, found.path)), found.size);
      }
    } else if (stats.isFile()) {
      add(absolute, [basename(absolute)], stats.size);
    } else {
      problems.push({ path: input, reason: 'not a regular file or folder' });
    }
  }
  return { files, problems };
}

/**
 * The first key that two files would both be uploaded to, if any: the second upload
 * would silently replace the first.
 *
 * @example
 * duplicateKey(files); // { key: 'a.jpg', paths: ['one/a.jpg', 'two/a.jpg'] }
 */
export function duplicateKey(
  files: readonly LocalFile[],
): { key: string; paths: [string, string] } | undefined {
  const seen = new Map<string, string>();
  for (const file of files) {
    const earlier = seen.get(file.key);
    if (earlier !== undefined) return { key: file.key, paths: [earlier, file.path] };
    seen.set(file.key, file.path);
  }
  return undefined;
}

async function* walk(folder: string): AsyncGenerator<{ path: string; size: number }> {
  const entries = await readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      yield* walk(path);
    } else if (entry.isFile() || (entry.isSymbolicLink() && (await isSymlinkedFile(path)))) {
      yield { path, size: (await stat(path)).size };
    }
  }
}

async function isSymlinkedFile(path: string): Promise<boolean> {
  const target = await stat(path).catch(() => undefined);
  return target?.isFile() ?? false;
}

function displayPath(absolutePath: string, cwd: string): string {
  const rel = relative(cwd, absolutePath);
  return rel !== '' && !rel.startsWith('..') ? rel : absolutePath;
}
