/** The catalog folder's public API (the next commit splits records.ts by job). */

export * from './records';
