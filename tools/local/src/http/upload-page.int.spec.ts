import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { LocalStack } from '@imgpipe/testing';
import { jpeg, pngWithAlpha, waitFor } from '@imgpipe/testing';
import { startLocalStack } from '../testing/start-local-stack';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

// The upload page in a real headless browser (Debian's chromium, driven by playwright-core):
// three files dropped, one of them not an image; what the page shows is checked against
// the records the API returns.
const REPO_ROOT = resolve(__dirname, '../../../..');

interface ImageView {
  readonly status: string;
  readonly record: {
    readonly image?: { status: string; reason?: string; width?: number; height?: number };
  };
  readonly outputs: ReadonlyArray<{ stage: string; width: number; height: number }>;
}

describe('the upload page in a browser', () => {
  let local: LocalStack;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const executablePath = execFileSync(join(REPO_ROOT, 'tools/local/bin/ensure-chromium.sh'), {
      encoding: 'utf8',
    }).trim();
    local = await startLocalStack({ services: ['resize', 'watermark', 'metadata'] });
    browser = await chromium.launch({ executablePath });
    page = await browser.newPage();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await local?.stop();
  });

  async function view(id: string): Promise<ImageView> {
    const response = await fetch(`${local.stack.uploadApi}/images/${id}`);
    expect(response.status).toBe(200);
    return (await response.json()) as ImageView;
  }

  const stateOf = (name: string) =>
    page.locator(`li[data-file-name="${name}"] .status`).getAttribute('data-state');

  it('given three dropped files, one not an image, then each shows its progress, outputs and facts, or the reason it was rejected', async () => {
    await page.goto(`${local.stack.uploadApi}/`);
    expect(await page.getByLabel('Choose images to upload').count()).toBe(1);
    const files = [
      { name: 'photo.jpg', type: 'image/jpeg', bytes: await jpeg({ width: 640, height: 480 }) },
      {
        name: 'alpha.png',
        type: 'image/png',
        bytes: await pngWithAlpha({ width: 120, height: 80 }),
      },
      { name: 'notes.jpg', type: 'image/jpeg', bytes: Buffer.from('not an image, just words') },
    ];

    const list = files.map((file) => ({
      name: file.name,
      type: file.type,
      base64: file.bytes.toString('base64'),
    }));
    // A string, since this runs in the page (the spec's TypeScript has no DOM types).
    const dataTransfer = await page.evaluateHandle(`(() => {
      const transfer = new DataTransfer();
      for (const file of ${JSON.stringify(list)}) {
        const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
        transfer.items.add(new File([bytes], file.name, { type: file.type }));
      }
      return transfer;
    })()`);
    await page.dispatchEvent('#drop-zone', 'drop', { dataTransfer });

    for (const file of files) {
      await waitFor(
        async () => ['complete', 'rejected', 'refused'].includes((await stateOf(file.name)) ?? ''),
        { timeoutMs: 90_000, intervalMs: 250, what: `${file.name} to finish on the page` },
      );
    }
    const states = await Promise.all(files.map((file) => stateOf(file.name)));
    expect(states).toEqual(['complete', 'complete', 'rejected']);

    for (const file of files) {
      const item = page.locator(`li[data-file-name="${file.name}"]`);
      const id = (await item.getAttribute('data-id')) ?? '';
      const shown = await view(id);
      expect(
        await item
          .locator('progress')
          .evaluate((node) => (node as unknown as { value: number }).value),
      ).toBe(100);
      if (file.name === 'notes.jpg') {
        expect(shown.record.image?.status).toBe('rejected');
        expect(await item.locator('.status').textContent()).toBe(
          `Rejected: ${shown.record.image?.reason}`,
        );
        continue;
      }
      const captions = await item.locator('figcaption').allTextContents();
      expect(captions).toHaveLength(shown.outputs.length);
      expect(shown.outputs.length).toBeGreaterThan(1);
      for (const output of shown.outputs) {
        expect(
          captions.some((caption) => caption.endsWith(`(${output.width}×${output.height})`)),
        ).toBe(true);
      }
      expect(await item.locator('dd').nth(1).textContent()).toBe(
        `${shown.record.image?.width} × ${shown.record.image?.height}`,
      );
      const loaded = await item
        .locator('img')
        .evaluateAll((images) =>
          images.map((image) => (image as unknown as { naturalWidth: number }).naturalWidth),
        );
      expect(loaded.every((width) => width > 0)).toBe(true);
      expect(await item.locator('img').first().getAttribute('alt')).toMatch(
        new RegExp(`of ${file.name}$`),
      );
    }
  }, 180_000);
});
