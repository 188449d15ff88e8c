import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { operationParameters } from '../../../common/nodeDescription';
import { optionsCollection } from '../../../common/descriptions';
import { forEachPrepared } from '../../../common/prepared';
import { requestOptionFields } from '../../../common/requestOptions';
import { keyValues } from '../../../common/runner';
import { talkturo } from '../../provider';
import { recordRequest, withoutEnvelope } from '../../transport';
import { checkId, contactIdField } from '../shared';

export const description = operationParameters('contact', 'delete', [
	contactIdField(),
	optionsCollection(requestOptionFields),
]);

/** Deletes a contact. Talkturo refuses while the contact is pending, queued or being called in a campaign. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachPrepared(
		this,
		(i) => checkId(this.getNodeParameter('contactId', i, ''), 'Contact ID'),
		async (contactId, i, policy) => {
			const response = await talkturo.request<IDataObject>(
				this,
				recordRequest('DELETE', 'contacts', contactId, 'Contact → Delete', {
					hints: {
						400: 'Talkturo does not delete a contact that is pending, queued or being called in a campaign. Remove it from the campaign (Campaign → Remove Contacts) or wait until its call is done.',
					},
				}),
				policy,
				i,
			);
			return { id: contactId, deleted: true, ...withoutEnvelope(response.body) };
		},
		(contactId) => keyValues({ contact: contactId }),
	);
}
