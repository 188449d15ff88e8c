import type {
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeTypeDescription,
} from 'n8n-workflow';

import { countryOptions } from '../../nodes/common/descriptions';
import { DEFAULT_RETRY_POLICY } from '../../nodes/common/transport';
import { DAYS, RANGES } from '../../nodes/WhatTalk/actions/campaign/create.operation';
import { CONCURRENCY } from '../../nodes/WhatTalk/actions/lead/add.operation';
import { Taalk } from '../../nodes/Taalk/Taalk.node';
import { TaalkTrigger } from '../../nodes/TaalkTrigger/TaalkTrigger.node';
import { Talkdesk } from '../../nodes/Talkdesk/Talkdesk.node';
import { Talkturo } from '../../nodes/Talkturo/Talkturo.node';
import { TalkturoTrigger } from '../../nodes/TalkturoTrigger/TalkturoTrigger.node';
import { WhatTalk } from '../../nodes/WhatTalk/WhatTalk.node';
import { WhatTalkTrigger } from '../../nodes/WhatTalkTrigger/WhatTalkTrigger.node';

const actionNodes: INodeTypeDescription[] = [Taalk, Talkturo, WhatTalk, Talkdesk].map(
	(Node) => new Node().description,
);
const allNodes: INodeTypeDescription[] = [
	...actionNodes,
	...[TaalkTrigger, TalkturoTrigger, WhatTalkTrigger].map((Node) => new Node().description),
];

/** A parameter found in a node's properties, with where it sits ("contact/append: options > defaultCountry"). */
interface Found {
	path: string;
	property: INodeProperties;
}

/** "resource/operation" of a top-level parameter's displayOptions. */
function shownFor(property: INodeProperties): string {
	const show = property.displayOptions?.show ?? {};
	const list = (key: string) => (show[key] ?? []).map(String).join('|');
	return show.operation ? `${list('resource')}/${list('operation')}: ` : '';
}

/** Every parameter of a property tree, inside collections and fixedCollections too. */
function allParameters(properties: INodeProperties[], path = ''): Found[] {
	const found: Found[] = [];
	for (const property of properties) {
		const here = path ? `${path} > ${property.name}` : `${shownFor(property)}${property.name}`;
		found.push({ path: here, property });
		if (property.type === 'collection' && property.options) {
			found.push(...allParameters(property.options as INodeProperties[], here));
		}
		if (property.type === 'fixedCollection' && property.options) {
			for (const group of property.options as INodePropertyCollection[]) {
				found.push(...allParameters(group.values, `${here} > ${group.name}`));
			}
		}
	}
	return found;
}

function choices(property: INodeProperties): INodePropertyOptions[] {
	if (property.type !== 'options' && property.type !== 'multiOptions') return [];
	return (property.options ?? []) as INodePropertyOptions[];
}

/**
 * Options a person cannot read: a bare number ("0"), or a name that only repeats a code value — upper case
 * ("MOBILE" for MOBILE, "EXTRA_1") or lower case ("pending" for pending).
 */
function unreadableOptions(properties: INodeProperties[]): string[] {
	const problems: string[] = [];
	for (const { path, property } of allParameters(properties)) {
		for (const option of choices(property)) {
			const name = String(option.name);
			const bareNumber = /^[+-]?\d+(\.\d+)?$/.test(name.trim());
			const repeatsCode =
				name === String(option.value) && (/^[A-Z0-9_:.-]+$/.test(name) || /^[a-z][a-z0-9_:.-]*$/.test(name));
			if (bareNumber || repeatsCode) {
				problems.push(`${path}: option ${JSON.stringify(name)} (value ${JSON.stringify(option.value)})`);
			}
		}
	}
	return problems;
}

function defaultCountryParameters(description: INodeTypeDescription): Found[] {
	return allParameters(description.properties).filter(({ property }) => property.name === 'defaultCountry');
}

describe('Default Country', () => {
	it('is offered by every action node', () => {
		const without = actionNodes.filter((description) => defaultCountryParameters(description).length === 0);
		expect(without.map((description) => description.name)).toEqual([]);
	});

	const everyUse = actionNodes.flatMap((description) =>
		defaultCountryParameters(description).map(({ path, property }) => ({
			where: `${description.name}: ${path}`,
			property,
		})),
	);

	it.each(everyUse)('$where is a list of countries by name and code, default US', ({ property }) => {
		expect(property.type).toBe('options');
		expect(property.default).toBe('US');
		const options = choices(property);
		expect(options).toEqual(
			expect.arrayContaining([
				{ name: 'United Kingdom (GB)', value: 'GB' },
				{ name: 'United States (US)', value: 'US' },
				{ name: 'Germany (DE)', value: 'DE' },
			]),
		);
		const turkey = options.find((option) => option.value === 'TR');
		expect(turkey?.name).toMatch(/^T\S+ \(TR\)$/);
		expect(options.filter((option) => option.value === property.default)).toHaveLength(1);
		expect(property.description).toMatch(/without \+country code/);
		expect(property.placeholder).toBeUndefined();
	});

	it('lists each country once, named "Name (CODE)", sorted by name', () => {
		const options = countryOptions();
		expect(options.length).toBeGreaterThan(200);
		const values = options.map((option) => option.value);
		expect(new Set(values).size).toBe(values.length);
		for (const option of options) {
			expect(option.value).toMatch(/^[A-Z]{2}$/);
			expect(option.name).toMatch(new RegExp(`^\\S.* \\(${String(option.value)}\\)$`));
			// the runtime has a name for every country the phone library knows
			expect(option.name).not.toBe(`${String(option.value)} (${String(option.value)})`);
		}
		const names = options.map((option) => option.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
	});
});

describe("Taalk Place Call's Retry Method", () => {
	const place = allParameters(new Taalk().description.properties).find(
		({ property }) => property.name === 'retryMethod',
	)?.property;

	it('names each of the Call API values 0, 1 and 2 by what it does, default 0', () => {
		expect(place?.default).toBe(0);
		expect(choices(place!).map(({ name, value }) => ({ name, value }))).toEqual([
			{ name: 'No Retry', value: 0 },
			{ name: 'Retry, Voicemail Not Repeated', value: 1 },
			{ name: 'Retry, Voicemail Repeated', value: 2 },
		]);
	});
});

describe('options a person can read', () => {
	it('finds a bare number or a repeated code (the check can fail)', () => {
		const bad: INodeProperties[] = [
			{
				displayName: 'Retry Method',
				name: 'retryMethod',
				type: 'options',
				default: 0,
				options: [
					{ name: '0', value: 0 },
					{ name: 'Once', value: 1 },
				],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				default: {},
				options: [
					{
						displayName: 'Phones',
						name: 'phones',
						type: 'fixedCollection',
						default: {},
						options: [
							{
								displayName: 'Phone',
								name: 'phone',
								values: [
									{
										displayName: 'Type',
										name: 'type',
										type: 'options',
										default: 'MOBILE',
										options: [
											{ name: 'MOBILE', value: 'MOBILE' },
											{ name: 'Extra 1', value: 'EXTRA_1' },
										],
									},
									{
										displayName: 'Status',
										name: 'status',
										type: 'multiOptions',
										default: [],
										options: [
											{ name: 'pending', value: 'pending' },
											{ name: 'Done', value: 'Done' },
										],
									},
								],
							},
						],
					},
				],
			},
		];
		expect(unreadableOptions(bad)).toEqual([
			'retryMethod: option "0" (value 0)',
			'options > phones > phone > type: option "MOBILE" (value "MOBILE")',
			'options > phones > phone > status: option "pending" (value "pending")',
		]);
	});

	it.each(allNodes.map((description) => ({ node: description.displayName, description })))(
		'$node has a readable name for every option',
		({ description }) => {
			expect(unreadableOptions(description.properties)).toEqual([]);
		},
	);
});

describe('literal parameter defaults (as n8n requires) agree with the values the code falls back to', () => {
	const byName = (description: INodeTypeDescription, name: string) =>
		allParameters(description.properties)
			.filter(({ property }) => property.name === name)
			.map(({ property }) => property.default);
	const [taalk, , whatTalk] = actionNodes;

	it('Max Retries and Timeout: the transport default policy', () => {
		expect(new Set(byName(taalk, 'maxRetries'))).toEqual(new Set([DEFAULT_RETRY_POLICY.maxRetries]));
		expect(new Set(byName(taalk, 'timeout'))).toEqual(new Set([DEFAULT_RETRY_POLICY.timeoutMs]));
	});

	it("WhatTalk's campaign ranges, allowed days and Concurrent Requests", () => {
		const defaults = (name: string) => new Set(byName(whatTalk, name));
		expect(defaults('retryInterval')).toEqual(new Set([RANGES.retryInterval.default]));
		expect(defaults('maxCallsInParallel')).toEqual(new Set([RANGES.maxCallsInParallel.default]));
		expect(byName(whatTalk, 'maxRetries')).toContain(RANGES.maxRetries.default);
		expect(byName(whatTalk, 'allowedDays')[0]).toEqual(DAYS);
		expect(defaults('concurrency')).toEqual(new Set([CONCURRENCY.default]));
	});
});
