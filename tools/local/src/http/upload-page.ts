import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

const PAGE_FILES: Readonly<Record<string, { file: string; type: string }>> = {
  '/': { file: 'upload-page.html', type: 'text/html; charset=utf-8' },
  '/upload-page.js': { file: 'upload-page.js', type: 'text/javascript; charset=utf-8' },
};

/**
 * The upload page's files, read once, served at `/` and `/upload-page.js` beside the API:
 * same origin, so the page calls the API without CORS.
 *
 * @example
 * const api = await startUploadApi(stack, { ..., otherwise: uploadPage() }, log);
 */
export function uploadPage(): (req: IncomingMessage, res: ServerResponse) => boolean {
  const folder = join(__dirname, 'page');
  const files = new Map(
    Object.entries(PAGE_FILES).map(([path, { file, type }]) => [
      path,
      { body: readFileSync(join(folder, file)), type },
    ]),
  );
  return (req, res) => {
    const page =
      req.method === 'GET' ? files.get((req.url ?? '/').split('?')[0] ?? '/') : undefined;
    if (page === undefined) return false;
    res.writeHead(200, {
      'content-type': page.type,
      'content-length': String(page.body.length),
      'cache-control': 'no-store',
    });
    res.end(page.body);
    return true;
  };
}
