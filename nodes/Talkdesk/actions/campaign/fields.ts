import type { IDataObject, IExecuteFunctions, INodePropertyOptions } from 'n8n-workflow';

import { titledOptions } from '../../../common/nodeDescription';
import type { RetryPolicy } from '../../../common/transport';
import { talkdesk } from '../../provider';

export const DIALING_MODES: INodePropertyOptions[] = [
	{ name: 'Predictive', value: 'PREDICTIVE', description: 'Dials ahead of agents, several calls per agent' },
	{ name: 'Preview', value: 'PREVIEW', description: 'Shows the record to an agent before dialing' },
];

export const TIME_UNITS = titledOptions(['DAYS', 'HOURS', 'MINUTES', 'SECONDS']);

export const AFTER_CALL: INodePropertyOptions[] = [
	{ name: 'Retry', value: 'RETRY', description: 'The record is called again later' },
	{ name: 'Final', value: 'FINAL', description: 'The record is not called again' },
];

export const WEEK_DAYS = titledOptions([
	'MONDAY',
	'TUESDAY',
	'WEDNESDAY',
	'THURSDAY',
	'FRIDAY',
	'SATURDAY',
	'SUNDAY',
]);

/**
 * Talkdesk's campaign PATCH, exactly as the seed shows it: ONE object `{"op": "REPLACE", "path", "value"}`
 * per request (status, name or priority). Replacing a value with itself is harmless, so it may be resent.
 */
export async function patchCampaign(
	ctx: IExecuteFunctions,
	campaignId: string,
	path: 'status' | 'name' | 'priority',
	value: string | number,
	itemIndex: number,
	policy?: RetryPolicy,
): Promise<IDataObject> {
	const response = await talkdesk.request(
		ctx,
		{
			method: 'PATCH',
			path: `/campaigns/${campaignId}`,
			body: { op: 'REPLACE', path, value },
			idempotent: true,
			scope: 'campaigns:write',
		},
		policy,
		itemIndex,
	);
	return response.body;
}
