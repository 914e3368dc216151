import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

/** Inclusive byte range, as HTTP Range requests count. */
export interface ByteRange {
  start: number;
  end: number;
}

/** Where uploaded files live: `data/files/` by default, an S3-compatible bucket when `S3_*` is set. */
export interface FileStore {
  readonly kind: 'local' | 's3';
  /** Copies the file at `sourcePath` (a finished temporary upload) under `key`. */
  putFile(key: string, sourcePath: string, contentType: string): Promise<void>;
  read(key: string, range?: ByteRange): Promise<Readable>;
  remove(key: string): Promise<void>;
}

const SAFE_KEY = /^[a-z0-9][a-z0-9/_.-]*$/;

function checkKey(key: string): string {
  if (!SAFE_KEY.test(key) || key.includes('..')) throw new Error(`invalid storage key: ${key}`);
  return key;
}

export function localFileStore(root: string): FileStore {
  const full = (key: string) => path.join(root, checkKey(key));
  return {
    kind: 'local',
    async putFile(key, sourcePath) {
      const dest = full(key);
      await fs.promises.mkdir(path.dirname(dest), { recursive: true });
      // write beside the destination, then rename: a crash never leaves a half-written file under the key
      const tmp = `${dest}.${process.pid}.part`;
      await pipeline(fs.createReadStream(sourcePath), fs.createWriteStream(tmp));
      await fs.promises.rename(tmp, dest);
    },
    async read(key, range) {
      const file = full(key);
      await fs.promises.access(file);
      return fs.createReadStream(file, range ? { start: range.start, end: range.end } : {});
    },
    async remove(key) {
      await fs.promises.rm(full(key), { force: true });
    },
  };
}

export interface S3Settings {
  endpoint: string | null;
  bucket: string;
  region: string;
  accessKeyId: string | null;
  secretAccessKey: string | null;
}

export function s3FileStore(s: S3Settings): FileStore {
  const client = new S3Client({
    region: s.region,
    // checksums only where S3 demands them: the SDK's default streams uploads as aws-chunked with
    // trailing checksums, which many S3-compatible servers store verbatim (a corrupted file)
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(s.endpoint ? { endpoint: s.endpoint, forcePathStyle: true } : {}),
    ...(s.accessKeyId && s.secretAccessKey
      ? { credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey } }
      : {}),
  });
  return {
    kind: 's3',
    async putFile(key, sourcePath, contentType) {
      const { size } = await fs.promises.stat(sourcePath);
      await client.send(
        new PutObjectCommand({
          Bucket: s.bucket,
          Key: checkKey(key),
          Body: fs.createReadStream(sourcePath),
          ContentLength: size,
          ContentType: contentType,
        }),
      );
    },
    async read(key, range) {
      const out = await client.send(
        new GetObjectCommand({
          Bucket: s.bucket,
          Key: checkKey(key),
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
        }),
      );
      if (!out.Body) throw new Error(`empty object: ${key}`);
      return out.Body instanceof Readable
        ? out.Body
        : Readable.fromWeb(out.Body.transformToWebStream() as never);
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket: s.bucket, Key: checkKey(key) }));
    },
  };
}

/** The store the configuration names: the S3 bucket when `S3_BUCKET` is set, else `<data dir>/files`. */
export function fileStoreFor(config: { dataDir: string; s3: S3Settings | null }): FileStore {
  return config.s3 ? s3FileStore(config.s3) : localFileStore(path.join(config.dataDir, 'files'));
}
