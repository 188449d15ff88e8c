import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { operationParameters } from '../../../common/nodeDescription';
import { forEachPrepared } from '../../../common/prepared';
import { keyValues } from '../../../common/runner';
import { talkdesk } from '../../provider';
import { listField, readListId, RECORD_LIST } from '../shared';

export const description = operationParameters('recordList', 'get', [listField(RECORD_LIST)]);

/** Fetches one record list. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachPrepared(
		this,
		(i) => readListId(this, i, RECORD_LIST),
		async (listId, i) => {
			const response = await talkdesk.request(
				this,
				{ method: 'GET', path: `/record-lists/${listId}`, idempotent: true, scope: 'record-lists:manage' },
				undefined,
				i,
			);
			return response.body;
		},
		(listId) => keyValues({ 'record list': listId }),
	);
}
