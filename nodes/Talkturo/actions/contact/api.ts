import type { IDataObject } from 'n8n-workflow';

import type { RequestContext, RetryPolicy } from '../../../common/transport';
import { talkturo } from '../../provider';
import { unwrap } from '../../transport';

/** GET /crm/contacts/{id}: one contact (a newer Talkturo endpoint). Used by Get, Update and the trigger. */
export async function fetchContact(
	ctx: RequestContext,
	contactId: string,
	policy?: RetryPolicy,
	itemIndex?: number,
): Promise<IDataObject> {
	const response = await talkturo.request<IDataObject>(
		ctx,
		{
			method: 'GET',
			path: `/crm/contacts/${encodeURIComponent(contactId)}`,
			idempotent: true,
			optional: { operation: 'Contact → Get', endpoint: 'GET /crm/contacts/{id}' },
		},
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
		{
			method: 'PUT',
			path: `/crm/contacts/${encodeURIComponent(contactId)}`,
			body,
			idempotent: true,
			optional: { operation: 'Contact → Update', endpoint: 'PUT /crm/contacts/{id}' },
		},
		policy,
		itemIndex,
	);
	const contact = unwrap(response.body, 'contact');
	return Object.keys(contact).length ? contact : { id: contactId, ...body };
}
