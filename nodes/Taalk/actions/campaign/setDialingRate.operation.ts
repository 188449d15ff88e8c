import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { optionsCollection } from '../../../common/descriptions';
import { InputError, quote } from '../../../common/errors';
import { forEachPrepared } from '../../../common/prepared';
import { requestOptionFields } from '../../../common/requestOptions';
import { operationParameters } from '../../../common/nodeDescription';
import { keyValues } from '../../../common/runner';
import { taalk } from '../../provider';

export const description = operationParameters('campaign', 'setDialingRate', [
	taalk.campaignField(),
	{
		displayName: 'Calls per Hour',
		name: 'limitPerHour',
		type: 'number',
		typeOptions: { minValue: 0 },
		required: true,
		default: 60,
		description:
			"The campaign's dialing rate (Taalk's limitPerHour). 0 stops new calls, which pauses the campaign.",
		hint: "Follows the API as observed in Taalk's console; it is not in Taalk's public API reference.",
	},
	optionsCollection(requestOptionFields),
]);

/** Sets a campaign's calls per hour (0 pauses dialing). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachPrepared(
		this,
		(i) => {
			const campaignId = taalk.readCampaignId(this, i);
			const limitPerHour = this.getNodeParameter('limitPerHour', i) as unknown;
			if (typeof limitPerHour !== 'number' || !Number.isInteger(limitPerHour) || limitPerHour < 0) {
				throw new InputError(
					'Calls per Hour',
					`${quote(limitPerHour)} is not a whole number of 0 or more`,
					'Use 0 to pause, or e.g. 60',
				);
			}
			return { campaignId, limitPerHour };
		},
		async ({ campaignId, limitPerHour }, i, policy) => {
			const response = await taalk.request<{ payload?: IDataObject }>(
				this,
				{ method: 'PUT', path: `/campaign2s/${campaignId}`, body: { limitPerHour }, idempotent: true },
				policy,
				i,
			);
			return response.body.payload ?? { _id: campaignId, limitPerHour };
		},
		({ campaignId }) => keyValues({ campaign: campaignId }),
	);
}
