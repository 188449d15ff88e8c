import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { operationParameters } from '../../../common/nodeDescription';
import { alphabetical, optionsCollection, updateFields } from '../../../common/descriptions';
import { InputError, readAllFields } from '../../../common/errors';
import { forEachPrepared } from '../../../common/prepared';
import { requestOptionFields } from '../../../common/requestOptions';
import { keyValues } from '../../../common/runner';
import { talkturo } from '../../provider';
import { checkId, contactIdField } from '../shared';
import { fetchContact, updateContact } from './api';
import {
	contactDetailFields,
	contactPhoneField,
	customFieldsParameter,
	firstNameField,
	lastNameField,
	readContactFields,
	readCustomFields,
	storedCustomFields,
} from './fields';

export const description = operationParameters('contact', 'update', [
	contactIdField(),
	updateFields(alphabetical([firstNameField, lastNameField, contactPhoneField, ...contactDetailFields])),
	customFieldsParameter(),
	optionsCollection([...talkturo.phoneOptions, ...requestOptionFields]),
]);

/**
 * Changes the given contact fields. With Custom Fields, the contact is read first and the new fields
 * are merged into the stored ones, so data Talkturo's AI extracted is not lost.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const phoneSettings = talkturo.readPhoneSettings(this);
	return await forEachPrepared(
		this,
		(i) => {
			const item = readAllFields((read) => ({
				contactId: read(() => checkId(this.getNodeParameter('contactId', i, ''), 'Contact ID')),
				body: read(() =>
					readContactFields(this.getNodeParameter('updateFields', i, {}) as IDataObject, phoneSettings),
				),
				customFields: read(() => readCustomFields(this, i)),
			}));
			// Only once every given field is valid: a field that failed was not "nothing".
			if (Object.keys(item.body).length === 0 && !item.customFields) {
				throw new InputError(
					'Update Fields',
					'nothing to update',
					'Add at least one field or custom field to change',
				);
			}
			return item;
		},
		async ({ contactId, body, customFields }, i, policy) => {
			if (customFields) {
				const stored = storedCustomFields(await fetchContact(this, contactId, policy, i));
				body.customFields = { ...stored, ...customFields };
			}
			return await updateContact(this, contactId, body, policy, i);
		},
		({ contactId }) => keyValues({ contact: contactId }),
	);
}
