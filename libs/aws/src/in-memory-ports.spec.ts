import { InMemoryObjectStore } from './in-memory-ports';

describe('InMemoryObjectStore.open', () => {
  it('given a seeded object, when opened and read, then its head and bytes come back and the read is recorded', async () => {
    const store = new InMemoryObjectStore();
    const bytes = Buffer.from('image bytes');
    store.seed('src', 'a.jpg', bytes, { contentType: 'image/jpeg', metadata: { owner: 'ana' } });

    const opened = await store.open('src', 'a.jpg');
    const read = await opened?.read();
    opened?.discard();

    expect(opened?.head).toMatchObject({
      size: bytes.length,
      contentType: 'image/jpeg',
      metadata: { owner: 'ana' },
    });
    expect(read).toBe(bytes);
    expect([store.reads, store.discarded, store.unsettled]).toEqual([['src/a.jpg'], [], 0]);
  });

  it('given an opened object, when discarded, then nothing is read and a later read rejects', async () => {
    const store = new InMemoryObjectStore();
    store.seed('src', 'big.jpg', Buffer.alloc(64));

    const opened = await store.open('src', 'big.jpg');
    opened?.discard();
    opened?.discard();

    expect([store.reads, store.discarded, store.unsettled]).toEqual([[], ['src/big.jpg'], 0]);
    await expect(opened?.read()).rejects.toThrow('body of s3://src/big.jpg is already discarded');
  });

  it('given an opened object neither read nor discarded, then it counts as unsettled', async () => {
    const store = new InMemoryObjectStore();
    store.seed('src', 'a.jpg', Buffer.alloc(8));

    await store.open('src', 'a.jpg');

    expect(store.unsettled).toBe(1);
  });

  it('given no object under the key, when opened, then open returns undefined', async () => {
    const store = new InMemoryObjectStore();

    await expect(store.open('src', 'gone.jpg')).resolves.toBeUndefined();
    expect(store.unsettled).toBe(0);
  });
});
