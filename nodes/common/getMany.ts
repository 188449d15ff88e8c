import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from './descriptions';
import type { Show } from './descriptions';
import { readLimit } from './paging';
import { forEachPrepared } from './prepared';
import type { RequestContext, RetryPolicy } from './transport';

/** A provider's paging: Return All (`limit` undefined) or up to `limit` records of one list request. */
export type ListAll<L> = (
	ctx: RequestContext,
	list: L,
	limit: number | undefined,
	policy?: RetryPolicy,
	itemIndex?: number,
) => Promise<IDataObject[]>;

export interface GetManyOptions<L, R extends L> {
	show: Show;
	/** Parameters above Return All / Limit, e.g. the campaign or list whose records are listed. */
	before?: INodeProperties[];
	/** The entries of the Filters collection; none: no Filters. */
	filters?: INodeProperties[];
	/** Parameters below the Filters, e.g. an Options collection. */
	after?: INodeProperties[];
	/** Reads and checks an item's list request (with its Filters), before any request is sent; it may carry more
	 * than the paging needs, e.g. the ID an error names. */
	request: (ctx: IExecuteFunctions, itemIndex: number, filters: IDataObject) => R | Promise<R>;
	/** The provider's paging for this list. */
	list: ListAll<L>;
	/** The key values an API error names, e.g. the campaign whose contacts are listed (see `keyValues`). */
	subject?: (list: R) => string;
}

/**
 * A "Get Many" operation: every item's list request and Limit are checked first (all items before any request),
 * then Return All / Limit is applied through the provider's paging, one output item per listed record.
 */
export function getManyOperation<L, R extends L = L>(
	options: GetManyOptions<L, R>,
): {
	description: INodeProperties[];
	execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[]>;
} {
	const { show, filters } = options;
	return {
		description: updateDisplayOptions({ show }, [
			...(options.before ?? []),
			...returnAllOrLimit({ show }),
			...(filters
				? [
						{
							displayName: 'Filters',
							name: 'filters',
							type: 'collection' as const,
							placeholder: 'Add Filter',
							default: {},
							options: filters,
						},
					]
				: []),
			...(options.after ?? []),
		]),
		async execute(this: IExecuteFunctions) {
			return await forEachPrepared(
				this,
				async (i) => {
					const given = filters ? (this.getNodeParameter('filters', i, {}) as IDataObject) : {};
					return { list: await options.request(this, i, given), limit: readLimit(this, i) };
				},
				async ({ list, limit }, i, policy) => await options.list(this, list, limit, policy, i),
				options.subject && (({ list }) => options.subject!(list)),
			);
		},
	};
}
