/**
 * The fault matrix covers every write operation of every node: each Resource/Operation pair a node offers is
 * either a row of the matrix or one of the read-only operations below. A new operation fails this test until it
 * is added to one of the two.
 */
import type { INodeType } from 'n8n-workflow';

import { Taalk } from '../../nodes/Taalk/Taalk.node';
import { Talkdesk } from '../../nodes/Talkdesk/Talkdesk.node';
import { Talkturo } from '../../nodes/Talkturo/Talkturo.node';
import { WhatTalk } from '../../nodes/WhatTalk/WhatTalk.node';
import type { WriteOp } from './engine';
import { taalkRows } from './rows/taalk';
import { talkdeskRows } from './rows/talkdesk';
import { talkturoRows } from './rows/talkturo';
import { whatTalkRows } from './rows/whattalk';

/** Operations that only read (Talkdesk's Check sends a POST, but only to query the list). */
const READ_ONLY: Record<string, string[]> = {
	Taalk: ['call:get', 'campaign:get', 'campaign:getMany'],
	Talkturo: ['campaign:get', 'campaign:getContacts', 'campaign:getMany', 'contact:get', 'contact:getMany'],
	WhatTalk: ['campaign:getMany', 'lead:getMany'],
	Talkdesk: [
		'campaign:get',
		'campaign:getMany',
		'dncEntry:check',
		'dncEntry:getMany',
		'record:getMany',
		'recordList:get',
		'recordList:getMany',
	],
};

/** Every `resource:operation` a node offers in its Operation dropdowns. */
function operationsOf(node: INodeType): string[] {
	return node.description.properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) => {
			const resource = property.displayOptions?.show?.resource?.[0];
			return (property.options ?? []).map(
				(option) => `${String(resource)}:${String((option as { value: unknown }).value)}`,
			);
		});
}

describe.each([
	['Taalk', new Taalk(), taalkRows],
	['Talkturo', new Talkturo(), talkturoRows],
	['WhatTalk', new WhatTalk(), whatTalkRows],
	['Talkdesk', new Talkdesk(), talkdeskRows],
] as Array<[string, INodeType, WriteOp[]]>)('%s', (provider, node, rows) => {
	it('every write operation is a row of the fault matrix', () => {
		const covered = new Set(rows.map((op) => `${op.resource}:${op.operation}`));
		const writes = operationsOf(node).filter((op) => !READ_ONLY[provider].includes(op));
		expect(writes.filter((op) => !covered.has(op))).toEqual([]);
		expect([...covered].filter((op) => !operationsOf(node).includes(op))).toEqual([]);
		expect(READ_ONLY[provider].filter((op) => !operationsOf(node).includes(op))).toEqual([]);
	});
});
