import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { operationParameters } from '../../../common/nodeDescription';
import { optionsCollection } from '../../../common/descriptions';
import { requestOptionFields } from '../../../common/requestOptions';
import { forEachPrepared } from '../../../common/prepared';
import { keyValues } from '../../../common/runner';
import { checkId, contactIdField } from '../shared';
import { fetchContact } from './api';

export const description = operationParameters('contact', 'get', [
	contactIdField(),
	optionsCollection(requestOptionFields),
]);

/** Fetches one contact, with the custom fields Talkturo's AI extracted from its calls. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachPrepared(
		this,
		(i) => checkId(this.getNodeParameter('contactId', i, ''), 'Contact ID'),
		async (contactId, i, policy) => await fetchContact(this, contactId, policy, i),
		(contactId) => keyValues({ contact: contactId }),
	);
}
