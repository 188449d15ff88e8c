import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { operationParameters } from '../../../common/nodeDescription';
import { optionsCollection, phoneField } from '../../../common/descriptions';
import { readAllFields } from '../../../common/errors';
import { forEachPrepared } from '../../../common/prepared';
import { requestOptionFields } from '../../../common/requestOptions';
import { keyValues } from '../../../common/runner';
import { checkIsoDate } from '../../../common/validate';
import { talkdesk } from '../../provider';
import { asNodeError } from '../../transport';
import { DNC_LIST, listField, readListId } from '../shared';

export const description = operationParameters('dncEntry', 'add', [
	listField(DNC_LIST, 'The do-not-call list to add the number to'),
	phoneField(),
	optionsCollection([
		{
			displayName: 'Expiration Date',
			name: 'expirationDate',
			type: 'dateTime',
			default: '',
			description: 'The day the number may be called again (only the date is used). Empty: never.',
		},
		...talkdesk.phoneOptions,
		...requestOptionFields,
	]),
]);

/**
 * Puts a phone number on a do-not-call list, optionally until a date. A number that is already on the list
 * (Talkdesk answers 409) is reported as `added: false, alreadyListed: true` rather than failing the item.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const phoneSettings = talkdesk.readPhoneSettings(this);
	return await forEachPrepared(
		this,
		(i) =>
			readAllFields((read) => {
				const listId = read(() => readListId(this, i, DNC_LIST));
				const phone = read(() => talkdesk.phone(this.getNodeParameter('phone', i, ''), phoneSettings));
				const options = this.getNodeParameter('options', i, {}) as IDataObject;
				const body: IDataObject = { phone_number: phone };
				if (options.expirationDate) {
					body.expiration_date = read(() =>
						checkIsoDate(options.expirationDate, 'Expiration Date').slice(0, 10),
					);
				}
				return { listId, phone, body };
			}),
		async ({ listId, phone, body }, i, policy) => {
			try {
				const response = await talkdesk.request(
					this,
					{
						method: 'POST',
						path: `/do-not-call-lists/${listId}/entries`,
						body,
						idempotent: false,
						scope: 'do-not-call-lists:manage',
					},
					policy,
					i,
				);
				return { dncListId: listId, phone, added: true, entry: response.body };
			} catch (error) {
				if (error instanceof NodeApiError && error.httpCode === '409') {
					return { dncListId: listId, phone, added: false, alreadyListed: true, message: error.message };
				}
				throw asNodeError(this, error, i);
			}
		},
		({ listId, phone }) => keyValues({ phone, 'do-not-call list': listId }),
	);
}
