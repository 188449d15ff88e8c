import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { operationParameters } from '../../../common/nodeDescription';
import { additionalFields, optionsCollection } from '../../../common/descriptions';
import { InputError, readAllFields } from '../../../common/errors';
import { forEachPrepared } from '../../../common/prepared';
import { requestOptionFields } from '../../../common/requestOptions';
import { keyValues } from '../../../common/runner';
import { talkturo } from '../../provider';
import { unwrap } from '../../transport';
import { teamIdOption, teamReader } from '../shared';
import {
	contactDetailFields,
	contactPhoneField,
	customFieldsParameter,
	firstNameField,
	lastNameField,
	readContactFields,
	readCustomFields,
} from './fields';

export const description = operationParameters('contact', 'create', [
	firstNameField,
	lastNameField,
	contactPhoneField,
	additionalFields(contactDetailFields),
	customFieldsParameter(),
	optionsCollection([...talkturo.phoneOptions, teamIdOption, ...requestOptionFields]),
]);

/** Creates a contact in the team's CRM; phones are checked and sent in E.164. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const phoneSettings = talkturo.readPhoneSettings(this);
	return await forEachPrepared(
		this,
		async (i) => {
			const team = await teamReader(this, i);
			return readAllFields((read) => {
				const fields = read(() =>
					readContactFields(
						{
							firstName: this.getNodeParameter('firstName', i, ''),
							lastName: this.getNodeParameter('lastName', i, ''),
							phone: this.getNodeParameter('phone', i, ''),
							...(this.getNodeParameter('additionalFields', i, {}) as IDataObject),
						},
						phoneSettings,
					),
				);
				const customFields = read(() => readCustomFields(this, i));
				const teamId = read(team);
				if (customFields) fields.customFields = customFields;
				if (!fields.firstName && !fields.lastName && !fields.phone && !fields.email) {
					throw new InputError(
						'Phone',
						'is empty, and so are the name and email',
						'Give the contact at least a phone, an email or a name',
					);
				}
				return { teamId, ...fields } as IDataObject;
			});
		},
		async (body, i, policy) => {
			// Creating is not idempotent: it is only resent when Talkturo said it did not process it.
			const response = await talkturo.request<IDataObject>(
				this,
				{ method: 'POST', path: '/crm/contacts', body, idempotent: false },
				policy,
				i,
			);
			return unwrap(response.body, 'contact');
		},
		(body) =>
			keyValues(
				body.phone || body.email
					? { phone: body.phone, email: body.email }
					: { name: [body.firstName, body.lastName].filter(Boolean).join(' ') },
			),
	);
}
