export * from './backup.ts';
export * from './database.ts';
export * from './lock.ts';
export * from './migrate.ts';
export * as schema from './schema.ts';
export * from './schema.ts';
