import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../../common/descriptions';
import { InputError } from '../../../common/errors';
import { forEachPrepared } from '../../../common/prepared';
import { requestOptionFields } from '../../../common/requestOptions';
import { keyValues } from '../../../common/runner';
import { talkdesk } from '../../provider';
import { readText } from '../shared';

const show = { resource: ['recordList'], operation: ['create'] };

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Spring renewals - week 12',
	},
	optionsCollection(requestOptionFields),
];

export const description = updateDisplayOptions({ show }, properties);

/** Creates an empty record list. Not resent after an ambiguous failure (it would create a second list). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachPrepared(
		this,
		(i) => {
			const name = readText(this, 'name', i);
			if (!name) throw new InputError('Name', 'is empty', 'Give the record list a name');
			return name;
		},
		async (name, i, policy) => {
			const response = await talkdesk.request(
				this,
				{
					method: 'POST',
					path: '/record-lists',
					body: { name },
					idempotent: false,
					scope: 'record-lists:manage',
				},
				policy,
				i,
			);
			return response.body;
		},
		(name) => keyValues({ name }),
	);
}
