import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { operationParameters } from '../../../common/nodeDescription';
import { optionsCollection, rangeLimits, rangeText, updateFields } from '../../../common/descriptions';
import { InputError, readAllFields } from '../../../common/errors';
import { forEachPrepared } from '../../../common/prepared';
import { requestOptionFields } from '../../../common/requestOptions';
import { keyValues } from '../../../common/runner';
import { checkRange } from '../../../common/validate';
import { talkdesk } from '../../provider';
import { checkLength, LENGTHS, RANGES } from '../shared';
import { patchCampaign } from './fields';

export const description = operationParameters('campaign', 'update', [
	talkdesk.campaignField(),
	updateFields([
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			description: `New campaign name, ${rangeText(LENGTHS.campaignName, ' to ')} characters`,
		},
		{
			displayName: 'Priority',
			name: 'priority',
			type: 'number',
			typeOptions: rangeLimits(RANGES.priority),
			default: 1,
			description: `New priority, ${RANGES.priority.min} (lowest) to ${RANGES.priority.max} (highest)`,
		},
	]),
	optionsCollection(requestOptionFields),
]);

/** Renames a campaign and/or changes its priority: one REPLACE request per field (Talkdesk's PATCH takes one). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachPrepared(
		this,
		(i) => {
			const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
			const item = readAllFields((read) => {
				const campaignId = read(() => talkdesk.readCampaignId(this, i));
				const changes: Array<['name' | 'priority', string | number]> = [];
				if (fields.name !== undefined) {
					changes.push([
						'name',
						read(() =>
							checkLength(
								String(fields.name).trim(),
								'Name',
								LENGTHS.campaignName.min,
								LENGTHS.campaignName.max,
							),
						),
					]);
				}
				if (fields.priority !== undefined) {
					changes.push(['priority', read(() => checkRange(fields.priority, 'Priority', RANGES.priority))]);
				}
				return { campaignId, changes };
			});
			// Only once every given field is valid: a field that failed was not "nothing".
			if (item.changes.length === 0) {
				throw new InputError('Update Fields', 'nothing to update', 'Add Name or Priority');
			}
			return item;
		},
		async ({ campaignId, changes }, i, policy) => {
			let campaign: IDataObject = {};
			for (const [path, value] of changes) {
				campaign = await patchCampaign(this, campaignId, path, value, i, policy);
			}
			return campaign;
		},
		({ campaignId }) => keyValues({ campaign: campaignId }),
	);
}
