import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { operationParameters } from '../../../common/nodeDescription';
import { changeMembership, membershipProperties } from './membership';

export const description = operationParameters(
	'campaign',
	'removeContacts',
	membershipProperties('remove from the campaign', 'remove'),
);

/** Removes contacts from a campaign, in bulk. Talkturo only removes contacts not yet called (pending or skipped). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await changeMembership(this, 'remove');
}
