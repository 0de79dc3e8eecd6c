import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverFiles, duplicateKey } from './file-discovery';
import { keyProblem, objectKey, pathParts } from './object-key';

describe('file discovery', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'imgpipe-discovery-'));
    const tree: Record<string, string> = {
      'photos/a.jpg': 'a',
      'photos/trips/café + tea.jpg': 'cafe',
      'photos/trips/2024 summer/beach+sunset.png': 'beach',
      'photos/trips/日本/富士山.webp': 'fuji',
      'photos/.hidden.jpg': 'hidden',
      'photos/.git/config': 'git',
      'photos/trips/.DS_Store': 'ds',
      'single/cover shot.jpg': 'cover',
    };
    for (const [path, content] of Object.entries(tree)) {
      await mkdir(join(root, path, '..'), { recursive: true });
      await writeFile(join(root, path), content);
    }
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('keys files in nested folders by their path relative to the folder given, characters kept exactly', async () => {
    const { files, problems } = await discoverFiles(['photos'], 'albums/', root);

    expect(problems).toEqual([]);
    expect(files.map((file) => file.key)).toEqual([
      'albums/a.jpg',
      'albums/trips/2024 summer/beach+sunset.png',
      'albums/trips/café + tea.jpg',
      'albums/trips/日本/富士山.webp',
    ]);
    expect(files.map((file) => file.size)).toEqual([1, 5, 4, 4]);
    expect(files[2]?.path).toBe(join('photos', 'trips', 'café + tea.jpg'));
  });

  it('keys a file given directly by its name alone, hidden or not', async () => {
    const { files } = await discoverFiles(
      ['single/cover shot.jpg', 'photos/.hidden.jpg'],
      '',
      root,
    );

    expect(files.map((file) => file.key)).toEqual(['cover shot.jpg', '.hidden.jpg']);
  });

  it('reports a missing input as a problem and still finds the others', async () => {
    const { files, problems } = await discoverFiles(['nope.jpg', 'single'], '', root);

    expect(problems).toEqual([{ path: 'nope.jpg', reason: 'no such file or folder' }]);
    expect(files.map((file) => file.key)).toEqual(['cover shot.jpg']);
  });

  it('follows a symlinked file but not a symlinked folder, which could loop', async () => {
    await symlink(join(root, 'single', 'cover shot.jpg'), join(root, 'photos', 'linked.jpg'));
    await symlink(root, join(root, 'photos', 'loop'));

    const { files } = await discoverFiles(['photos'], '', root);

    expect(files.map((file) => file.key)).toContain('linked.jpg');
    expect(files.some((file) => file.key.startsWith('loop/'))).toBe(false);
  });

  it('finds two inputs that would write the same key', async () => {
    await writeFile(join(root, 'a.jpg'), 'other a');
    const { files } = await discoverFiles(['photos', 'a.jpg'], '', root);

    expect(duplicateKey(files)).toEqual({
      key: 'a.jpg',
      paths: [join('photos', 'a.jpg'), 'a.jpg'],
    });
  });
});

describe('object keys', () => {
  it('puts the prefix verbatim before the slash-joined parts', () => {
    expect(objectKey('2024-', ['trips', 'a.jpg'])).toBe('2024-trips/a.jpg');
    expect(objectKey('', ['a + b.jpg'])).toBe('a + b.jpg');
  });

  it('splits a Windows relative path on backslashes', () => {
    expect(pathParts('trips\\café + tea.jpg', '\\')).toEqual(['trips', 'café + tea.jpg']);
  });

  it('refuses an empty key and one over 1024 UTF-8 bytes', () => {
    expect(keyProblem('')).toBe('the key is empty');
    expect(keyProblem('é'.repeat(513))).toBe('the key is 1026 bytes long; S3 allows 1024');
    expect(keyProblem('é'.repeat(512))).toBeUndefined();
  });
});
