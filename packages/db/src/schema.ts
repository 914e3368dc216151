/** The whole schema, one file per area; drizzle-kit reads this module. */
export * from './schema-core.ts';
export * from './schema-documents.ts';
export * from './schema-feedback.ts';
export * from './schema-meetings.ts';
export * from './schema-notices.ts';
export * from './schema-rollout.ts';
export * from './schema-study.ts';
