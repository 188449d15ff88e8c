import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { defaultCountryOption, returnAllOrLimit } from '../../common/descriptions';
import { readLimit } from '../../common/paging';
import { checkCountry } from '../../common/phone';
import { forEachPrepared } from '../../common/prepared';
import { listAll } from '../transport';
import type { HalListRequest } from '../transport';
import { e164 } from './shared';
import type { Show } from './shared';

/**
 * A "Get Many" over a Talkdesk HAL collection: `before` (e.g. the list picker), Return All / Limit, a Filters
 * collection, and `request` turning an item's parameters and filters into the collection request.
 */
export function getManyOperation(options: {
	show: Show;
	before?: INodeProperties[];
	filters: INodeProperties[];
	request: (ctx: IExecuteFunctions, itemIndex: number, filters: IDataObject) => HalListRequest;
	/** The key values an API error names, e.g. the record list (see `keyValues`); account-wide lists need none. */
	subject?: (ctx: IExecuteFunctions, itemIndex: number) => string;
}): {
	description: INodeProperties[];
	execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[]>;
} {
	const { show } = options;
	return {
		description: updateDisplayOptions({ show }, [
			...(options.before ?? []),
			...returnAllOrLimit({ show }),
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				options: options.filters,
			},
		]),
		async execute(this: IExecuteFunctions) {
			return await forEachPrepared(
				this,
				(i) => {
					const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
					return {
						request: options.request(this, i, filters),
						limit: readLimit(this, i),
						subject: options.subject?.(this, i) ?? '',
					};
				},
				async ({ request, limit }, i) => await listAll(this, request, limit, undefined, i),
				options.subject && (({ subject }) => subject),
			);
		},
	};
}

/** "Phone" filter (with its Default Country), sent to Talkdesk in E.164. */
export function phoneFilterFields(what: string): INodeProperties[] {
	return [
		defaultCountryOption({
			description:
				'The country of a Phone filter written without +country code. Pick from the list, or give a two-letter code such as GB in an expression.',
		}),
		{
			displayName: 'Phone',
			name: 'phone',
			type: 'string',
			default: '',
			placeholder: '+14155550123',
			description: `Only ${what} with this phone number`,
		},
	];
}

export function readPhoneFilter(filters: IDataObject): string | undefined {
	if (typeof filters.phone !== 'string' || !filters.phone.trim()) return undefined;
	return e164(filters.phone, checkCountry(String(filters.defaultCountry ?? 'US')), 'Phone');
}
