import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { changeMembership, membershipProperties } from './membership';

const show = { resource: ['campaign'], operation: ['removeContacts'] };

export const description = updateDisplayOptions(
	{ show },
	membershipProperties(show, 'remove from the campaign'),
);

/** Removes contacts from a campaign, in bulk. Talkturo only removes contacts not yet called (pending or skipped). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await changeMembership(this, 'remove');
}
