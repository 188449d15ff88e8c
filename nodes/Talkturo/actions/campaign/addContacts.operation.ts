import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { operationParameters } from '../../../common/nodeDescription';
import { changeMembership, membershipProperties } from './membership';

export const description = operationParameters(
	'campaign',
	'addContacts',
	membershipProperties('add to the campaign', 'add'),
);

/** Adds existing contacts to a campaign, in bulk. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await changeMembership(this, 'add');
}
