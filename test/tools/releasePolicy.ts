/**
 * What the release workflow must keep, read from its YAML (actionlint checks the syntax, not these choices):
 * npm's trusted publishing (no token, the OIDC permission, npm 11.5.1+ hence Node 24 in the publish job),
 * a provenance statement, third-party actions pinned to a commit, and no cache restored where the package is
 * built for publishing. Each problem is one sentence naming what to fix.
 * `yaml` is a devDependency of its own (pinned), the YAML parser n8n itself uses.
 */
import { parse } from 'yaml';

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
	env?: Record<string, unknown>;
}

interface Job {
	needs?: string | string[];
	permissions?: Record<string, string> | string;
	steps?: Step[];
}

interface Workflow {
	on?: { push?: { tags?: string[] } };
	permissions?: Record<string, string> | string;
	jobs?: Record<string, Job>;
}

/** a commit, not a tag or a branch that can be moved */
const PINNED = /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/;
/** any way of handing npm a stored token */
const TOKEN = /\bsecrets\.|NODE_AUTH_TOKEN|NPM_TOKEN|_authToken/;

const runsPublish = (job: Job) => (job.steps ?? []).some((s) => /\bnpm publish\b/.test(s.run ?? ''));
const actionName = (uses: string) => uses.split('@')[0];

/** The major version a `node-version` asks for, or undefined when it names none (`lts/*`, `node`). */
export function nodeMajor(spec: unknown): number | undefined {
	const match = /^\s*v?(\d+)(?:\.|x|\s*$)/.exec(String(spec ?? ''));
	return match ? Number(match[1]) : undefined;
}

export function releasePolicyProblems(text: string): string[] {
	const problems: string[] = [];
	let workflow: Workflow;
	try {
		workflow = (parse(text) ?? {}) as Workflow;
	} catch (error) {
		return [`the workflow is not valid YAML: ${(error as Error).message}`];
	}
	const jobs = workflow.jobs ?? {};

	if (!workflow.on?.push?.tags?.length) problems.push('it must run on a pushed version tag (on.push.tags)');
	if (TOKEN.test(text)) problems.push('it uses a stored token (secrets, NODE_AUTH_TOKEN, NPM_TOKEN or _authToken): trusted publishing needs none');

	for (const [id, job] of Object.entries(jobs)) {
		for (const step of job.steps ?? []) {
			if (step.uses && !step.uses.startsWith('./') && !PINNED.test(step.uses)) {
				problems.push(`job ${id}: ${step.uses} is not pinned to a full commit SHA`);
			}
		}
	}

	const publishers = Object.entries(jobs).filter(([, job]) => runsPublish(job));
	if (publishers.length !== 1) {
		problems.push(`exactly one job must run npm publish (found ${publishers.length})`);
		return problems;
	}
	const [publishId, publish] = publishers[0];
	const steps = publish.steps ?? [];
	const permissions = publish.permissions ?? workflow.permissions;
	if (typeof permissions !== 'object' || permissions['id-token'] !== 'write') {
		problems.push(`job ${publishId}: needs permissions id-token: write (the OIDC token of trusted publishing)`);
	}

	const publishRuns = steps.filter((s) => /\bnpm publish\b/.test(s.run ?? '')).map((s) => s.run ?? '');
	if (!publishRuns.every((run) => /\bnpm publish\b[^\n]*--provenance/.test(run))) {
		problems.push(`job ${publishId}: npm publish must have --provenance`);
	}

	const setupNode = steps.filter((s) => s.uses && actionName(s.uses) === 'actions/setup-node');
	if (setupNode.length === 0) problems.push(`job ${publishId}: no actions/setup-node step, so no Node 24`);
	for (const step of setupNode) {
		const major = nodeMajor(step.with?.['node-version']);
		if (major === undefined || major < 24) {
			problems.push(`job ${publishId}: node-version ${String(step.with?.['node-version'])} is not Node 24 or later (npm 11.5.1+ for trusted publishing)`);
		}
		if (step.with?.cache !== undefined) problems.push(`job ${publishId}: setup-node restores a cache (with.cache)`);
		if (step.with?.['package-manager-cache'] !== false) {
			problems.push(`job ${publishId}: setup-node must have package-manager-cache: false (its automatic cache)`);
		}
	}
	for (const step of steps) {
		if (step.uses && /^actions\/cache(\/|$)/.test(actionName(step.uses))) problems.push(`job ${publishId}: restores a cache (${step.uses})`);
	}

	const needs = [publish.needs ?? []].flat();
	const checked = needs.some((id) => (jobs[id]?.steps ?? []).some((s) => (s.run ?? '').includes('bash .ci/run')));
	if (!checked) problems.push(`job ${publishId}: must need the job that runs bash .ci/run, so that nothing untested is published`);
	return problems;
}
