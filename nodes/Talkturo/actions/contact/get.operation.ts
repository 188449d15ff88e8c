import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../../common/descriptions';
import { requestOptionFields } from '../../../common/requestOptions';
import { forEachPrepared } from '../../../common/prepared';
import { keyValues } from '../../../common/runner';
import { checkId, contactIdField } from '../shared';
import { fetchContact } from './api';

const show = { resource: ['contact'], operation: ['get'] };

const properties: INodeProperties[] = [contactIdField(show), optionsCollection(requestOptionFields)];

export const description = updateDisplayOptions({ show }, properties);

/** Fetches one contact, with the custom fields Talkturo's AI extracted from its calls. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachPrepared(
		this,
		(i) => checkId(this.getNodeParameter('contactId', i, ''), 'Contact ID'),
		async (contactId, i, policy) => await fetchContact(this, contactId, policy, i),
		(contactId) => keyValues({ contact: contactId }),
	);
}
