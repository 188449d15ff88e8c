/**
 * Rows of the matrix again, with the bulk operations' "Parallel Batches" option added: with several batches in flight
 * and their answers coming back in any order, every guarantee of the matrix must still hold.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { WriteOp } from '../engine';

/** Batches in flight: the option's default when a user adds it. */
const LANES = 4;
/**
 * Requests per run: the schedule's faults then lie requests apart many times the lanes, so each fault meets the
 * run's other requests as it would in order (e.g. a 429 is not covered by a pause another fault began).
 */
const REQUESTS = 200;
/**
 * Timeout (ms) of the parallel rows. With batches in flight together, a pause of the node's one thread (an error
 * being mapped, a loaded machine) delays every answer at once; the matrix's 1 s would turn that into timeouts the
 * schedule did not plan. The hung request still times out, 5 s later.
 */
const TIMEOUT_MS = 5000;

export function withParallelBatches(rows: WriteOp[], names: string[]): WriteOp[] {
	const chosen = rows.filter((row) => names.includes(row.name));
	expect(chosen.map((row) => row.name)).toEqual(names);
	return chosen.map((row) => {
		const chunk = Math.max(1, Math.floor(row.items / REQUESTS));
		return {
			...row,
			name: `${row.name}, Parallel Batches`,
			chunk,
			concurrency: LANES,
			parameters: (env) => {
				const parameters = row.parameters(env);
				const options = (parameters.options ?? {}) as INodeParameters;
				return {
					...parameters,
					options: { ...options, chunkSize: chunk, parallelBatches: LANES, timeout: TIMEOUT_MS },
				};
			},
		};
	});
}
