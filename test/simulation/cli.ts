/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console, @n8n/community-nodes/require-node-api-error -- a command-line runner: arguments, exit code, progress */
/**
 * `npm run simulate -- --seed S --runs N [--path P]`: replays a seed (and, with the printed path, exactly
 * one failing history) or runs longer than CI does, then prints what the histories covered.
 */
import type { Without } from './commands';
import { emptyCoverage, simulate, SimulationFailure } from './run';

function arg(name: string): string | undefined {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
	const seed = Number(arg('seed') ?? Date.now() % 2 ** 31);
	const runs = Number(arg('runs') ?? 1000);
	const chunk = Number(arg('chunk') ?? 1000);
	const path = arg('path');
	const replayPath = arg('replay-path');
	const skip = arg('skip')?.split(',');
	const without = arg('without')?.split(',') as Without[] | undefined;
	const coverage = emptyCoverage();
	const started = Date.now();
	try {
		if (path) await simulate({ seed, runs: 1, path, replayPath, skip, without, coverage, trace: process.argv.includes('--trace') ? (line) => console.log(line) : undefined });
		else {
			// chunks of histories, each with its own seed derived from the first, so a long run reports progress
			for (let done = 0, k = 0; done < runs; done += chunk, k++) {
				const s = (seed + k * 7919) % 2 ** 31;
				try {
					await simulate({ seed: s, runs: Math.min(chunk, runs - done), skip, without, coverage });
				} catch (error) {
					// --keep-going: a long run reports every chunk's first violation and goes on with the next chunk
					if (!(error instanceof SimulationFailure) || !process.argv.includes('--keep-going')) throw error;
					console.error(error.message);
					process.exitCode = 1;
					continue;
				}
				console.log(`${new Date().toISOString()} ${done + Math.min(chunk, runs - done)} histories, no violation (last chunk seed ${s}), ${Math.round((Date.now() - started) / 1000)} s`);
				// what the run covered so far, after each chunk: a long run stopped early still reports it
				if (process.argv.includes('--progress')) console.log(JSON.stringify(coverage));
			}
		}
	} catch (error) {
		if (!(error instanceof SimulationFailure)) throw error;
		console.error(error.message);
		console.log(JSON.stringify(coverage, null, 1));
		process.exitCode = 1;
		return;
	}
	console.log(`${coverage.histories} histories in ${Math.round((Date.now() - started) / 1000)} s, seed ${seed}: no violation`);
	console.log(JSON.stringify(coverage, null, 1));
}

void main();
