import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { operationParameters } from '../../../common/nodeDescription';
import { additionalFields, optionsCollection, phoneField } from '../../../common/descriptions';
import { InputError, quote, readAllFields } from '../../../common/errors';
import { parseJsonObject } from '../../../common/json';
import { forEachPrepared } from '../../../common/prepared';
import { requestOptionFields } from '../../../common/requestOptions';
import { keyValues } from '../../../common/runner';
import { taalk } from '../../provider';

export const description = operationParameters('call', 'place', [
	{
		displayName: 'First Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		description: 'Name of the person to call',
	},
	phoneField(),
	additionalFields([
		{
			displayName: 'Agent ID',
			name: 'agent',
			type: 'string',
			default: '',
			description: 'The Taalk agent (persona) that makes the call',
		},
		{
			displayName: 'Caller ID',
			name: 'from',
			type: 'string',
			default: '',
			placeholder: '+17045550123',
			description: 'The number to call from, written exactly as +1 and 10 digits',
		},
		{
			displayName: 'Campaign ID',
			name: 'campaign',
			type: 'string',
			default: '',
			placeholder: taalk.campaign.idPlaceholder,
			description:
				'Also adds the person to this campaign. If they are already in it, Taalk updates them and does not call.',
		},
		{
			displayName: 'Parameters (JSON)',
			name: 'params',
			type: 'json',
			default: '{}',
			description: 'Extra values for the agent, as a JSON object',
		},
		{
			displayName: 'Retry Method',
			name: 'retryMethod',
			type: 'options',
			default: 0,
			options: [
				{ name: 'No Retry', value: 0, description: 'Taalk does not retry the call (sent as 0)' },
				{
					name: 'Retry, Voicemail Not Repeated',
					value: 1,
					description: 'Taalk retries the call without repeating the voicemail (sent as 1)',
				},
				{
					name: 'Retry, Voicemail Repeated',
					value: 2,
					description: 'Taalk retries the call and repeats the voicemail (sent as 2)',
				},
			],
			description:
				"Whether Taalk retries the call, and whether a retry repeats the voicemail: the Call API's retryMethod (docs.taalk.ai, Call/SMS API)",
		},
	]),
	optionsCollection([...taalk.phoneOptions, ...requestOptionFields]),
]);

/**
 * Places a call now. Taalk answers 200 when the call is accepted and 202 when the person was already
 * in the given campaign (updated there, not called): the output's `called` and `alreadyInCampaign` tell them apart.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const phoneSettings = taalk.readPhoneSettings(this);
	return await forEachPrepared(
		this,
		(i) =>
			readAllFields((read) => {
				const name = read(() => {
					const value = String(this.getNodeParameter('name', i, '') ?? '').trim();
					if (!value) throw new InputError('First Name', 'is empty', 'Map the name of the person to call');
					return value;
				});
				const body: IDataObject = {
					name,
					phone: read(() => taalk.phone(this.getNodeParameter('phone', i, ''), phoneSettings)),
				};
				const extra = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
				if (extra.agent) body.agent = String(extra.agent).trim();
				if (extra.campaign)
					read(() => {
						const campaign = String(extra.campaign).trim();
						if (!new RegExp(`^${taalk.campaign.idRegex}$`).test(campaign)) {
							throw new InputError(
								'Campaign ID',
								`${quote(campaign)} is not a Taalk campaign ID`,
								`A Taalk campaign ID looks like ${taalk.campaign.idPlaceholder}`,
							);
						}
						body.campaign = campaign;
					});
				if (extra.from)
					read(() => {
						const from = String(extra.from).trim();
						if (!/^\+1\d{10}$/.test(from)) {
							throw new InputError(
								'Caller ID',
								`${quote(from)} is not written as +1 and 10 digits`,
								'Taalk accepts caller IDs like +17045550123 only',
							);
						}
						body.from = from;
					});
				if (extra.retryMethod !== undefined) body.retryMethod = extra.retryMethod;
				if (extra.params !== undefined) {
					const params = read(() => parseJsonObject(extra.params, 'Parameters (JSON)')) ?? {};
					if (Object.keys(params).length) body.params = params;
				}
				return body;
			}),
		async (body, i, policy) => {
			// Placing a call is not idempotent: it is only resent when Taalk said it did not process it.
			const response = await taalk.request<IDataObject>(
				this,
				{ method: 'POST', path: '/call', body, idempotent: false },
				policy,
				i,
			);
			if (response.statusCode === 202) {
				return {
					called: false,
					alreadyInCampaign: true,
					note: 'Already in the campaign: Taalk updated the contact and did not call',
					phone: body.phone,
					campaign: body.campaign,
					...response.body,
				};
			}
			return { called: true, alreadyInCampaign: false, phone: body.phone, ...response.body };
		},
		(body) => keyValues({ phone: body.phone, campaign: body.campaign }),
	);
}
