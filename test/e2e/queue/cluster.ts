/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test tooling: user folders for the queue-mode processes */
/**
 * What every process of a queue-mode n8n shares (the README's queue-mode section says the same): the
 * PostgreSQL database, Redis, the encryption key, and this package installed in its own user folder.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';

import { PG_DATABASE, PG_USER } from './services';
import type { Service } from './services';

/** the same on the main and every worker: they decrypt credentials stored by one another */
export const SHARED_PHRASE = 'exoconnect-queue-e2e-0123456789abcdef';

/** The environment of every process of the instance: database, queue, key (the README lists these). */
export function queueEnv(postgres: Service, redis: Service): NodeJS.ProcessEnv {
	return {
		EXECUTIONS_MODE: 'queue',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: PG_DATABASE,
		DB_POSTGRESDB_USER: PG_USER,
		DB_POSTGRESDB_PASSWORD: 'n8n',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		N8N_ENCRYPTION_KEY: SHARED_PHRASE,
		N8N_LOG_LEVEL: 'info',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
	};
}

/** the folders made here, removed by `removeUserFolders` */
const folders: string[] = [];

/** An empty user folder, as on a new machine. */
export function newUserFolder(name: string): string {
	const folder = mkdtempSync(join(os.tmpdir(), `exoconnect-${name}-`));
	folders.push(folder);
	return folder;
}

export function removeUserFolders(): void {
	if (process.env.EXOCONNECT_E2E_KEEP === '1') return;
	for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
}

/** the package installed as the README tells queue-mode users, on one process's machine (install.ts) */
export { installAsReadmeSays } from '../install';

/** every file under a folder, relative to it */
export function filesUnder(folder: string): string[] {
	if (!existsSync(folder)) return [];
	return readdirSync(folder, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => relative(folder, join(entry.parentPath, entry.name)));
}
