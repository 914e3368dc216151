import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FileStore, localFileStore, s3FileStore } from './file-store.ts';

/** The same behaviour from the local directory and from an S3-compatible server (s3rver, in-process). */
async function bytes(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sotay-store-test-'));
const source = path.join(tmp, 'source.bin');
const content = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));
fs.writeFileSync(source, content);

let s3: S3rver;
const stores: Record<string, FileStore> = {};

beforeAll(async () => {
  s3 = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: path.join(tmp, 's3'),
    configureBuckets: [{ name: 'sotay-test', configs: [] }],
  });
  const { port } = await s3.run();
  stores.local = localFileStore(path.join(tmp, 'local'));
  stores.s3 = s3FileStore({
    endpoint: `http://127.0.0.1:${port}`,
    bucket: 'sotay-test',
    region: 'us-east-1',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
  });
});

afterAll(async () => {
  await s3.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe.each(['local', 's3'])('%s file store', (kind) => {
  it('stores a file and reads it back whole and by range', async () => {
    const store = stores[kind]!;
    await store.putFile('documents/abc/one.pdf', source, 'application/pdf');
    const whole = await bytes(await store.read('documents/abc/one.pdf'));
    expect(whole.length).toBe(content.length);
    expect(Buffer.compare(whole, content)).toBe(0);
    const part = await bytes(await store.read('documents/abc/one.pdf', { start: 100, end: 1099 }));
    expect(Buffer.compare(part, content.subarray(100, 1100))).toBe(0);
  });

  it('removes a file; reading it then fails', async () => {
    const store = stores[kind]!;
    await store.putFile('documents/abc/two.pdf', source, 'application/pdf');
    await store.remove('documents/abc/two.pdf');
    await expect(store.read('documents/abc/two.pdf')).rejects.toThrow();
  });

  it('refuses keys that could leave the store', async () => {
    const store = stores[kind]!;
    await expect(store.putFile('../escape.pdf', source, 'application/pdf')).rejects.toThrow(
      /invalid storage key/,
    );
    await expect(store.read('documents/../../etc/passwd')).rejects.toThrow(/invalid storage key/);
  });
});
