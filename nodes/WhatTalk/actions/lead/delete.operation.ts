import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { operationParameters } from '../../../common/nodeDescription';
import { optionsCollection } from '../../../common/descriptions';
import { forEachPrepared } from '../../../common/prepared';
import { requestOptionFields } from '../../../common/requestOptions';
import { keyValues } from '../../../common/runner';
import { whatTalk } from '../../provider';
import { readId } from '../shared';
import { leadIdField } from './leadId';

export const description = operationParameters('lead', 'delete', [
	leadIdField,
	optionsCollection(requestOptionFields),
]);

/** Deletes a lead: it is no longer called. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachPrepared(
		this,
		(i) => readId(this.getNodeParameter('leadId', i, ''), 'Lead ID', '52311'),
		async (leadId, i, policy) => {
			const response = await whatTalk.request<{ message?: string }>(
				this,
				{ method: 'DELETE', path: `/user/leads/${leadId}`, idempotent: true },
				policy,
				i,
			);
			return { id: leadId, deleted: true, message: response.body.message };
		},
		(leadId) => keyValues({ lead: leadId }),
	);
}
