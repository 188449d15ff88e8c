import type { IDataObject } from 'n8n-workflow';

import type { RequestContext, RetryPolicy } from '../../../common/transport';
import { talkturo } from '../../provider';
import { recordRequest, unwrap } from '../../transport';

/** GET /crm/contacts/{id}: one contact (a newer Talkturo endpoint). Used by Get, Update and the trigger. */
export async function fetchContact(
	ctx: RequestContext,
	contactId: string,
	policy?: RetryPolicy,
	itemIndex?: number,
): Promise<IDataObject> {
	const response = await talkturo.request<IDataObject>(
		ctx,
		recordRequest('GET', 'contacts', contactId, 'Contact → Get'),
		policy,
		itemIndex,
	);
	return unwrap(response.body, 'contact');
}

/** PUT /crm/contacts/{id} with camelCase fields (a newer Talkturo endpoint). */
export async function updateContact(
	ctx: RequestContext,
	contactId: string,
	body: IDataObject,
	policy?: RetryPolicy,
	itemIndex?: number,
): Promise<IDataObject> {
	const response = await talkturo.request<IDataObject>(
		ctx,
		recordRequest('PUT', 'contacts', contactId, 'Contact → Update', { body }),
		policy,
		itemIndex,
	);
	const contact = unwrap(response.body, 'contact');
	return Object.keys(contact).length ? contact : { id: contactId, ...body };
}
