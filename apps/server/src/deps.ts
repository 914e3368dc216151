import type { Database } from '@sotay/db';
import type { EventBus } from './lib/events.ts';
import type { FileStore } from './lib/file-store.ts';
import type { Mailer } from './lib/mailer.ts';
import type { ProgressRegistry } from './lib/progress.ts';
import type { Throttle } from './lib/throttle.ts';
import type { OidcSettings } from './modules/oidc/client.ts';

/** Everything the app needs from outside, passed in explicitly (tests build their own). */
export interface Deps {
  database: Database;
  throttle: Throttle;
  progress: ProgressRegistry;
  /** Live events for SSE clients (in-process, or across nodes through Redis). */
  events: EventBus;
  /** Push a notice to devices right after it is sent (default); benchmarks time the push themselves. */
  pushInBackground?: boolean;
  /** Uploaded documents, attachments and bài thu hoạch files. */
  files: FileStore;
  publicUrl: string;
  now: () => Date;
  /** Sign-in with the national identity (OIDC); absent: the OIDC routes say it is off. */
  oidc?: OidcSettings | null;
  /** Sends password-reset codes by e-mail; absent: forgot-password answers 404. */
  mailer?: Mailer | null;
}
