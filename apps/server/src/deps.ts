import type { Database } from '@sotay/db';
import type { ProgressRegistry } from './lib/progress.ts';
import type { Throttle } from './lib/throttle.ts';

/** Everything the app needs from outside, passed in explicitly (tests build their own). */
export interface Deps {
  database: Database;
  throttle: Throttle;
  progress: ProgressRegistry;
  publicUrl: string;
  now: () => Date;
}
