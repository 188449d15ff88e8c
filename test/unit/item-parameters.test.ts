/**
 * `getItemParameter` (nodes/common/parameters.ts) must give exactly what n8n's `getNodeParameter` gives, item by
 * item, whatever the parameter holds: a probe node reads the same parameter both ways for every input item, inside
 * n8n-core's real execution context, and the two results (or the two errors) are compared.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { getItemParameter } from '../../nodes/common/parameters';
import { Harness } from '../harness';

const NAMES = ['text', 'pairs', 'locator', 'options'] as const;

function attempt(read: () => unknown): IDataObject {
	try {
		return { value: read() as IDataObject[string] };
	} catch (error) {
		return { error: (error as Error).message };
	}
}

/** For each item and each parameter: `{ fast, n8n }`; each read twice, the first copy mutated in between. */
class ParameterProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Parameter Probe',
		name: 'parameterProbe',
		group: ['transform'],
		version: 1,
		description: 'Reads its parameters two ways',
		defaults: { name: 'Parameter Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Text', name: 'text', type: 'string', default: '' },
			{
				displayName: 'Pairs',
				name: 'pairs',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				options: [
					{
						displayName: 'Field',
						name: 'field',
						values: [
							{ displayName: 'Name', name: 'name', type: 'string', default: '' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
			{
				displayName: 'Locator',
				name: 'locator',
				type: 'resourceLocator',
				default: { mode: 'id', value: '' },
				modes: [{ displayName: 'ID', name: 'id', type: 'string' }],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				default: {},
				options: [{ displayName: 'Note', name: 'note', type: 'string', default: '' }],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().map((_, i) => {
				const json: IDataObject = {};
				for (const name of NAMES) {
					const fast = attempt(() => getItemParameter(this, name, i, 'FALLBACK'));
					// A caller that changes what it got must not change what the next item gets.
					if (typeof fast.value === 'object' && fast.value !== null) {
						(fast.value as IDataObject).mutated = true;
					}
					json[name] = {
						fast: attempt(() => getItemParameter(this, name, i, 'FALLBACK')),
						n8n: attempt(() => this.getNodeParameter(name, i, 'FALLBACK')),
					};
				}
				return { json, pairedItem: { item: i } };
			}),
		];
	}
}

const ITEMS: IDataObject[] = [
	{ first: 'Ada', n: 7, ok: false, zero: 0, empty: '', a: { b: 'deep' }, 'a b': 'spaced', obj: { x: 1 } },
	{ first: 'Alan', n: -1.5, ok: true, a: { b: 3 }, list: [1, 2], nothing: null },
	{ first: '  Grace  ', a: 'not an object' },
	{},
];

const harness = new Harness({ nodeTypes: [ParameterProbe], credentialTypes: [] });

async function compare(parameters: INodeParameters): Promise<IDataObject[]> {
	const { items, error } = await harness.runNode({ type: 'parameterProbe', parameters, items: ITEMS });
	expect(error).toBeUndefined();
	expect(items).toHaveLength(ITEMS.length);
	const reads: IDataObject[] = [];
	for (const item of items) {
		for (const name of NAMES) {
			const { fast, n8n } = item.json[name] as { fast: IDataObject; n8n: IDataObject };
			expect({ name, ...fast }).toEqual({ name, ...n8n });
			reads.push(fast);
		}
	}
	return reads;
}

describe('getItemParameter gives what getNodeParameter gives', () => {
	it.each([
		['a field', '={{ $json.first }}'],
		['numbers, booleans, zero and empty strings', '={{ $json.n }}'],
		['a boolean', '={{ $json.ok }}'],
		['zero', '={{ $json.zero }}'],
		['an empty string', '={{ $json.empty }}'],
		['a nested field', '={{ $json.a.b }}'],
		['a quoted name', '={{ $json["a b"] }}'],
		['a single-quoted name', "={{$json['first']}}"],
		['an object (left to n8n)', '={{ $json.obj }}'],
		['an array (left to n8n)', '={{ $json.list }}'],
		['null (left to n8n)', '={{ $json.nothing }}'],
		['a missing field (left to n8n)', '={{ $json.missing }}'],
		['a field of a missing object (left to n8n)', '={{ $json.missing.deeper }}'],
		['an inherited name (left to n8n)', '={{ $json.toString }}'],
		['constructor (left to n8n, which refuses it)', '={{ $json.constructor }}'],
		['other expressions (left to n8n)', '={{ $json.first.toUpperCase() }}'],
		['text around the braces (left to n8n)', '=Dear {{ $json.first }}'],
		['two expressions (left to n8n)', '={{ $json.first }}{{ $json.n }}'],
		['an expression without braces', '=plain'],
		['a constant', 'just text'],
		['an empty constant', ''],
	])('a string parameter holding %s', async (_, text) => {
		await compare({ text });
	});

	it('collections with field reads, constants and other expressions inside', async () => {
		await compare({
			pairs: {
				field: [
					{ name: 'City', value: '={{ $json.first }}' },
					{ name: 'Fixed', value: 'always' },
					{ name: 'Deep', value: '={{ $json.a.b }}' },
				],
			},
			locator: { __rl: true, mode: 'id', value: '={{ $json.first }}' },
			options: { note: '={{ $json.first.length }}' },
		});
	});

	it('constant collections are resolved once but every caller gets its own copy', async () => {
		const reads = await compare({
			text: '={{ $json.first }}',
			pairs: { field: [{ name: 'City', value: 'Charlotte' }] },
			locator: { __rl: true, mode: 'id', value: 'abc' },
			options: { note: 'fixed' },
		});
		expect(reads.some((read) => (read.value as IDataObject | undefined)?.mutated)).toBe(false);
	});

	it('parameters left at their defaults', async () => {
		await compare({});
	});
});
