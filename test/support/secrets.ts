/**
 * Secret scanning for tests: nothing a user can see (node output, error message, description, context,
 * stack) or a log line may contain a credential value or an access token.
 */
import type { INodeExecutionData } from 'n8n-workflow';

/** Turns errors (whose useful fields are not enumerable) and items into one searchable string. */
export function visibleText(value: unknown): string {
	const seen = new WeakSet<object>();
	return JSON.stringify(value, function replacer(_key, entry: unknown) {
		if (entry instanceof Error) {
			const error = entry as Error & Record<string, unknown>;
			return {
				name: error.name,
				message: error.message,
				description: error.description,
				context: error.context,
				httpCode: error.httpCode,
				stack: error.stack,
				...Object.fromEntries(Object.entries(error)),
			};
		}
		if (entry && typeof entry === 'object') {
			if (seen.has(entry)) return '[circular]';
			seen.add(entry);
		}
		return entry;
	});
}

/** Fails the test (naming where) if any of `secrets` appears in what `value` exposes. */
export function expectNoSecrets(value: unknown, secrets: string[], where = 'output'): void {
	const text = visibleText(value);
	for (const secret of secrets) {
		if (!secret || secret.length < 6) continue; // too short to be a meaningful secret to look for
		if (text.includes(secret)) {
			throw new Error(`A secret (${secret.slice(0, 3)}…) appears in the ${where}`);
		}
	}
}

/** Convenience for node runs: scans items and the error together. */
export function expectRunHasNoSecrets(
	run: { items: INodeExecutionData[]; error?: unknown },
	secrets: string[],
): void {
	expectNoSecrets(run.items, secrets, 'node output');
	if (run.error) expectNoSecrets(run.error, secrets, 'node error');
}

/** Captures in progress (they may overlap, e.g. in concurrent tests): each gets every line written meanwhile. */
const captures = new Set<string[]>();
let restore: (() => void) | undefined;

/** Sends console and stdout/stderr output to every capture in progress, until the last one ends. */
function startCapturing(): void {
	const originals = {
		log: console.log,
		info: console.info,
		warn: console.warn,
		error: console.error,
		debug: console.debug,
		out: process.stdout.write.bind(process.stdout),
		err: process.stderr.write.bind(process.stderr),
	};
	const keep = (line: string) => {
		for (const chunks of captures) chunks.push(line);
	};
	console.log =
		console.info =
		console.warn =
		console.error =
		console.debug =
			(...args: unknown[]) => keep(args.map((a) => (typeof a === 'string' ? a : visibleText(a))).join(' '));
	process.stdout.write = ((chunk: unknown) => (keep(String(chunk)), true)) as typeof process.stdout.write;
	process.stderr.write = ((chunk: unknown) => (keep(String(chunk)), true)) as typeof process.stderr.write;
	restore = () => {
		console.log = originals.log;
		console.info = originals.info;
		console.warn = originals.warn;
		console.error = originals.error;
		console.debug = originals.debug;
		process.stdout.write = originals.out;
		process.stderr.write = originals.err;
	};
}

/**
 * Captures everything written to the console and to stdout/stderr while `fn` runs (n8n-core's logger and
 * any stray logging end up there), so a test can scan log lines too. Captures may overlap.
 */
export async function captureLogs<T>(fn: () => Promise<T>): Promise<{ result: T; logs: string }> {
	const chunks: string[] = [];
	if (captures.size === 0) startCapturing();
	captures.add(chunks);
	try {
		const result = await fn();
		return { result, logs: chunks.join('\n') };
	} finally {
		captures.delete(chunks);
		if (captures.size === 0) {
			restore?.();
			restore = undefined;
		}
	}
}
