import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { operationParameters } from '../../../common/nodeDescription';
import { optionsCollection } from '../../../common/descriptions';
import { InputError } from '../../../common/errors';
import { forEachPrepared } from '../../../common/prepared';
import { requestOptionFields } from '../../../common/requestOptions';
import { keyValues } from '../../../common/runner';
import { talkdesk } from '../../provider';
import { readText } from '../shared';

export const description = operationParameters('recordList', 'create', [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Spring renewals - week 12',
	},
	optionsCollection(requestOptionFields),
]);

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
