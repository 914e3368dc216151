export * from './cccd.ts';
export * from './dates.ts';
export * from './gender.ts';
export * from './member-status.ts';
export * from './phone.ts';
export * from './policy.ts';
export type { ParseResult } from './result.ts';
export * from './text.ts';
