/**
 * Rows of the matrix again, with the bulk operations' "Parallel Batches" option added: with several batches in flight
 * and their answers coming back in any order, every guarantee of the matrix must still hold.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { WriteOp } from '../engine';

/** Batches in flight: the option's default when a user adds it. */
const LANES = 4;

export function withParallelBatches(rows: WriteOp[], names: string[]): WriteOp[] {
	const chosen = rows.filter((row) => names.includes(row.name));
	expect(chosen.map((row) => row.name)).toEqual(names);
	return chosen.map((row) => ({
		...row,
		name: `${row.name}, Parallel Batches`,
		concurrency: LANES,
		parameters: (env) => {
			const parameters = row.parameters(env);
			const options = (parameters.options ?? {}) as INodeParameters;
			return { ...parameters, options: { ...options, parallelBatches: LANES } };
		},
	}));
}
