/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test tooling: prints a suite's timings */
/**
 * A suite's timings: each step is printed as it ends, and `report()` prints them all with the total, so a
 * CI log shows where the minutes went. Written to stdout directly (jest's console adds a stack line each).
 */
export class Timings {
	private readonly started = Date.now();
	private readonly steps: Array<{ label: string; seconds: number }> = [];

	constructor(private readonly suite: string) {}

	private print(line: string): void {
		process.stdout.write(`[${this.suite} ${((Date.now() - this.started) / 1000).toFixed(0)} s] ${line}\n`);
	}

	/** runs `work` and records how long it took (also when it fails) */
	async step<T>(label: string, work: () => T | Promise<T>): Promise<T> {
		const start = Date.now();
		try {
			return await work();
		} finally {
			const seconds = (Date.now() - start) / 1000;
			this.steps.push({ label, seconds });
			this.print(`${label}: ${seconds.toFixed(1)} s`);
		}
	}

	note(line: string): void {
		this.print(line);
	}

	report(): void {
		const width = Math.max(...this.steps.map((s) => s.label.length), 5);
		const rows = this.steps.map((s) => `  ${s.label.padEnd(width)}  ${s.seconds.toFixed(1).padStart(7)} s`);
		const total = `  ${'total'.padEnd(width)}  ${((Date.now() - this.started) / 1000).toFixed(1).padStart(7)} s`;
		process.stdout.write(`\n${this.suite} timings\n${rows.join('\n')}\n${total}\n\n`);
	}
}
