/**
 * Benchmark (not a test): Talkdesk "Record → Append" of N records to a record list, in-process through the n8n-core
 * harness, against the Talkdesk sandbox (in its own process, OAuth2 client credentials) with a fixed latency per
 * request. Talkdesk takes at most 100 records per bulk request, so the target is ≤ ⌈N / 100⌉ bulk requests (plus one
 * token request). Wall time and CPU are the Talkdesk node's own run (scripts/bench/n8n-probe.js around n8n-core's
 * runNode); the node runs with its default options, parameters mapped as in the example workflow.
 *
 *   ts-node --transpile-only scripts/bench/talkdesk-append.ts [--records 10000] [--latency 0,50] [--json]
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { TALKDESK_CLIENT_ID } from '../../test/sandbox/talkdesk';
import {
	crmContacts,
	emitResult,
	formatInt,
	formatMs,
	IN_PROCESS,
	intList,
	MB,
	measurementsTable,
	parseFlags,
	positiveInt,
	runMain,
	statusSummary,
	targetsTable,
} from './common';
import type { Measurement, PartResult, TargetResult } from './common';
import { benchHarness } from './in-process';
import { RemoteSandbox } from './remote-sandbox';
import type { RequestStats } from './remote-sandbox';

const CLIENT_SECRET = 'bench-talkdesk-secret';
const BULK_PATH = '/records/bulks$';
export const TALKDESK_MAX_BULK = 100;

function appendParameters(listId: string): INodeParameters {
	return {
		resource: 'record',
		operation: 'append',
		recordListId: { __rl: true, mode: 'id', value: listId },
		phone: '={{ $json.phone }}',
		phoneType: 'MOBILE',
		firstName: '={{ $json.first }}',
		lastName: '={{ $json.last }}',
		additionalFields: { timezone: 'America/New_York' },
		extraData: { field: [{ name: 'city', value: '={{ $json.city }}' }] },
		options: {},
	};
}

export async function runTalkdesk(options: { records: number; latencies: number[] }): Promise<PartResult> {
	const records = crmContacts(options.records);
	const sandbox = await RemoteSandbox.start('talkdesk', { secret: CLIENT_SECRET, latencyMs: 0 });
	const bench = benchHarness({
		nodeFile: 'nodes/Talkdesk/Talkdesk.node.js',
		credentialFile: 'credentials/TalkdeskOAuth2Api.credentials.js',
		credentials: [
			{
				id: 'td',
				name: 'Talkdesk bench',
				type: 'talkdeskOAuth2Api',
				data: {
					region: 'custom',
					tokenUrl: sandbox.info.tokenUrl ?? '',
					apiBaseUrl: sandbox.info.url,
					clientId: TALKDESK_CLIENT_ID,
					clientSecret: CLIENT_SECRET,
				},
			},
		],
		type: 'talkdesk',
		node: 'Talkdesk Campaigns',
		use: { talkdeskOAuth2Api: { id: 'td', name: 'Talkdesk bench' } },
	});
	const append = (listId: string, items: IDataObject[]) => bench.run(appendParameters(listId), items);

	const measurements: Measurement[] = [];
	const targets: TargetResult[] = [];
	const benchmark = `Talkdesk append ${formatInt(options.records)} records`;
	const maxRequests = Math.ceil(options.records / TALKDESK_MAX_BULK);
	try {
		// Warm-up: loads n8n-core's lazy services, fetches the token and lets the JIT settle.
		await append(await sandbox.call<string>('addRecordList'), records.slice(0, 1000));

		for (const latencyMs of options.latencies) {
			await sandbox.call('setLatency', latencyMs);
			const listId = await sandbox.call<string>('addRecordList');
			const since = await sandbox.call<number>('mark');
			const { run } = await append(listId, records);
			const bulk = await sandbox.call<RequestStats>('stats', { since, path: BULK_PATH });
			const all = await sandbox.call<RequestStats>('stats', { since });
			const stored = await sandbox.call<number>('recordsCount', listId);
			measurements.push({
				benchmark,
				variant: 'Talkdesk node, default options (100 per request)',
				where: IN_PROCESS,
				latencyMs,
				requests: bulk.matched,
				wallMs: run.wallMs,
				cpuUsPerItem: (run.cpuMs * 1000) / options.records,
				peakRssMb: run.peakRssBytes / MB,
				note: [
					`stored ${formatInt(stored)}`,
					statusSummary(bulk),
					all.requests > bulk.matched ? `+${all.requests - bulk.matched} other (token)` : '',
				]
					.filter(Boolean)
					.join('; '),
			});
			targets.push({
				target: `Talkdesk @ ${latencyMs} ms: ≤ ⌈N/100⌉ = ${formatInt(maxRequests)} bulk requests, all stored`,
				measured: `${formatInt(bulk.matched)} requests, ${formatInt(stored)} stored, ${formatMs(run.wallMs)}`,
				pass: bulk.matched <= maxRequests && stored === options.records,
			});
			console.error(
				`  Talkdesk @ ${latencyMs} ms: ${formatMs(run.wallMs)}, ${formatInt(bulk.matched)} bulk requests`,
			);
		}
	} finally {
		await sandbox.close();
		bench.close();
	}
	return { measurements, targets };
}

async function main(): Promise<void> {
	const { values, switches } = parseFlags(process.argv.slice(2), {
		values: ['records', 'latency'],
		switches: ['json'],
	});
	const result = await runTalkdesk({
		records: positiveInt(values.records ?? '10000', 'records'),
		latencies: intList(values.latency ?? '0,50', 'latency'),
	});
	if (switches.has('json')) emitResult(result);
	else console.log(`${measurementsTable(result.measurements)}\n\n${targetsTable(result.targets)}`);
}

if (require.main === module) runMain(main);
