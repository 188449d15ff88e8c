/**
 * Starts provider sandboxes on fixed local ports for development (`npm run dev`, manual testing in n8n).
 *
 *   ts-node --transpile-only test/sandbox/cli.ts [provider ...] [--port N] [--api-key KEY] [--latency MS] [--json]
 *
 *   provider     one or more of the registered providers (default: all registered). See providers.ts.
 *   --port N     port for the (single) provider; default its fixed dev port (taalk 5690, talkturo 5691, …).
 *   --api-key K  API key the sandbox accepts (single provider only); default the provider's test key.
 *   --latency MS persistent latency on every request.
 *   --json       print one JSON line `{ "<provider>": { baseUrl, ...info } }` on stdout once all are listening
 *                (for scripts), instead of the human-readable summary.
 *
 * Runs until SIGINT / SIGTERM, then closes every sandbox.
 */
import { parseArgs as parseCommandLine } from 'node:util';

import {
	SANDBOX_PORTS,
	SANDBOX_PROVIDERS,
	type SandboxProviderName,
	type StartedProviderSandbox,
} from './providers';

interface CliOptions {
	providers: SandboxProviderName[];
	port?: number;
	apiKey?: string;
	latencyMs?: number;
	json: boolean;
}

const USAGE = `usage: cli.ts [provider ...] [--port N] [--api-key KEY] [--latency MS] [--json]
providers: ${Object.entries(SANDBOX_PORTS)
	.map(
		([name, port]) =>
			`${name} (${port}${SANDBOX_PROVIDERS[name as SandboxProviderName] ? '' : ', not implemented yet'})`,
	)
	.join(', ')}`;

function isProviderName(name: string): name is SandboxProviderName {
	return Object.prototype.hasOwnProperty.call(SANDBOX_PORTS, name);
}

function parseArgs(argv: string[]): CliOptions {
	const { values, positionals } = parseCommandLine({
		args: argv,
		allowPositionals: true,
		options: {
			port: { type: 'string' },
			'api-key': { type: 'string' },
			latency: { type: 'string' },
			json: { type: 'boolean', default: false },
			help: { type: 'boolean', short: 'h', default: false },
		},
	});
	if (values.help) {
		console.log(USAGE);
		process.exit(0);
	}
	const takeNumber = (flag: string, value: string | undefined): number | undefined => {
		if (value === undefined) return undefined;
		const n = Number(value);
		if (value === '' || !Number.isInteger(n) || n < 0 || n > 65535)
			throw new Error(`${flag} needs an integer`);
		return n;
	};
	if (values['api-key'] === '') throw new Error('--api-key needs a value');
	const options: CliOptions = {
		providers: [],
		port: takeNumber('--port', values.port),
		apiKey: values['api-key'],
		latencyMs: takeNumber('--latency', values.latency),
		json: values.json,
	};
	for (const positional of positionals) {
		const name = positional.toLowerCase();
		if (!isProviderName(name)) throw new Error(`unknown provider "${positional}"`);
		if (!SANDBOX_PROVIDERS[name]) throw new Error(`the ${name} sandbox is not implemented yet`);
		if (!options.providers.includes(name)) options.providers.push(name);
	}
	if (options.providers.length === 0) {
		options.providers = (Object.keys(SANDBOX_PORTS) as SandboxProviderName[]).filter(
			(p) => SANDBOX_PROVIDERS[p],
		);
	}
	if (options.providers.length > 1 && (options.port !== undefined || options.apiKey !== undefined)) {
		throw new Error('--port and --api-key apply to a single provider; name exactly one');
	}
	return options;
}

async function main(): Promise<void> {
	let options: CliOptions;
	try {
		options = parseArgs(process.argv.slice(2));
	} catch (error) {
		console.error(`sandbox: ${(error as Error).message}\n${USAGE}`);
		process.exit(2);
	}

	const started: Array<[SandboxProviderName, StartedProviderSandbox]> = [];
	const closeAll = async () => {
		await Promise.allSettled(started.map(([, s]) => s.close()));
	};

	try {
		for (const name of options.providers) {
			const starter = SANDBOX_PROVIDERS[name]!;
			const port = options.port ?? SANDBOX_PORTS[name];
			started.push([
				name,
				await starter.start({ port, apiKey: options.apiKey, latencyMs: options.latencyMs }),
			]);
		}
	} catch (error) {
		const e = error as NodeJS.ErrnoException;
		console.error(
			`sandbox: could not start: ${e.code === 'EADDRINUSE' ? `port already in use (${e.message})` : e.message}`,
		);
		await closeAll();
		process.exit(1);
	}

	if (options.json) {
		const summary = Object.fromEntries(started.map(([name, s]) => [name, { baseUrl: s.baseUrl, ...s.info }]));
		console.log(JSON.stringify(summary));
	} else {
		for (const [name, s] of started) {
			console.log(`[${name}] sandbox listening`);
			console.log(`  baseUrl: ${s.baseUrl}`);
			for (const [key, value] of Object.entries(s.info)) {
				console.log(`  ${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
			}
		}
		console.log('Press Ctrl+C to stop.');
	}

	let stopping = false;
	const stop = (signal: NodeJS.Signals) => {
		if (stopping) return;
		stopping = true;
		if (!options.json) console.log(`\n${signal}: closing sandboxes`);
		closeAll().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
