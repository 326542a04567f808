/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- a command-line program: reads its arguments from process.argv, prints its URL, stops on signals */
/**
 * `npm run sandbox`: the ExoConnect sandbox on 127.0.0.1 with the demo company, until Ctrl-C.
 * Options: --port 5680, --products 1000, --customers 250, --latency 0 (ms), --api-key, --relay-path.
 */
import { startSandbox } from './index';

function option(name: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : undefined;
}

const numberOption = (name: string, fallback: number) => {
	const value = Number(option(name) ?? fallback);
	if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number`);
	return value;
};

async function main() {
	const sandbox = await startSandbox({
		port: numberOption('port', 5680),
		products: numberOption('products', 1000),
		customers: numberOption('customers', 250),
		latencyMs: numberOption('latency', 0),
		apiKey: option('api-key') ?? 'sandbox-key',
		relayPath: option('relay-path') ?? '',
		startTime: new Date().toISOString(),
		realTime: true,
	});
	const base = sandbox.relayPath ? `${sandbox.url}/${sandbox.relayPath}` : sandbox.url;
	console.log(`ExoConnect sandbox listening on ${sandbox.url}`);
	console.log(`  Base URL:   ${sandbox.url}`);
	console.log(`  Relay Path: ${sandbox.relayPath || '(none)'}`);
	console.log(`  API Key:    ${sandbox.apiKey}`);
	console.log(`  Try: curl -H 'x-api-key: ${sandbox.apiKey}' ${base}/system/status`);
	console.log('Press Ctrl-C to stop.');
	const stop = async () => {
		await sandbox.close();
		process.exit(0);
	};
	process.once('SIGINT', () => void stop());
	process.once('SIGTERM', () => void stop());
}

main().catch((error: Error) => {
	console.error(`The sandbox could not start: ${error.message}`);
	process.exit(1);
});
