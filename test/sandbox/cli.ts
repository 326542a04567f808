/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- a command-line program: reads its arguments from process.argv, prints its URL, stops on signals */
/**
 * `npm run sandbox`: the ExoConnect sandbox on 127.0.0.1 with the demo company, until Ctrl-C.
 * Options: --port 5680, --products 1000, --customers 250, --latency 0 (ms), --api-key, --relay-path,
 * --rename-route /api/customers=/api/clients (a server whose path differs, for System › Check Compatibility),
 * --ignore-inferred-filters (answer as FastAPI does: the catalog's [inferred] filters are not known),
 * --ignore-updates-entity (the updates helper answers every entity's changes).
 */
import { startSandbox } from './index';

const USAGE = `Usage: npm run sandbox -- [--port 5680] [--products 1000] [--customers 250] [--latency 0] [--api-key sandbox-key] [--relay-path acme] [--rename-route /api/customers=/api/clients] [--ignore-inferred-filters] [--ignore-updates-entity]`;

/** `--name value` or `--name=value` */
function option(name: string): string | undefined {
	const args = process.argv.slice(2);
	const inline = args.find((a) => a.startsWith(`--${name}=`));
	if (inline) return inline.slice(name.length + 3);
	const index = args.indexOf(`--${name}`);
	if (index < 0) return undefined;
	const value = args[index + 1];
	if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
	return value;
}

/** `--rename-route FROM=TO`: the collection FROM (and its lookups) answers at TO only */
function renamedRoutes(): Record<string, string> | undefined {
	const raw = option('rename-route');
	if (raw === undefined) return undefined;
	const [from, to, ...rest] = raw.split('=');
	if (!from?.startsWith('/') || !to?.startsWith('/') || rest.length) throw new Error(`--rename-route must be /from=/to, got "${raw}"`);
	return { [from]: to };
}

function numberOption(name: string, fallback: number): number {
	const raw = option(name);
	const value = raw === undefined ? fallback : Number(raw);
	if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number, got "${raw}"`);
	return value;
}

async function main() {
	if (process.argv.includes('--help') || process.argv.includes('-h')) {
		console.log(USAGE);
		return;
	}
	const sandbox = await startSandbox({
		port: numberOption('port', 5680),
		products: numberOption('products', 1000),
		customers: numberOption('customers', 250),
		latencyMs: numberOption('latency', 0),
		apiKey: option('api-key') ?? 'sandbox-key',
		relayPath: option('relay-path') ?? '',
		variants: { renamedRoutes: renamedRoutes() },
		startTime: new Date().toISOString(),
		realTime: true,
		ignoreInferredFilters: process.argv.includes('--ignore-inferred-filters'),
		ignoreUpdatesEntity: process.argv.includes('--ignore-updates-entity'),
	});
	const base = sandbox.relayPath ? `${sandbox.url}/${sandbox.relayPath}` : sandbox.url;
	console.log(`ExoConnect sandbox listening on ${sandbox.url}`);
	console.log(`  Base URL:   ${sandbox.url}`);
	console.log(`  Relay Path: ${sandbox.relayPath || '(none)'}`);
	console.log(`  API Key:    ${sandbox.apiKey}`);
	console.log(`Use these in an "ExoConnect API" credential, or try: curl -H 'x-api-key: ${sandbox.apiKey}' ${base}/system/status`);
	console.log('Press Ctrl-C to stop.');
	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`${signal}: stopping the sandbox.`);
		sandbox.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: Error & { code?: string }) => {
	const reason = error.code === 'EADDRINUSE' ? 'the port is already in use (try --port 0 for any free port)' : error.message;
	console.error(`The sandbox could not start: ${reason}`);
	console.error(USAGE);
	process.exit(1);
});
