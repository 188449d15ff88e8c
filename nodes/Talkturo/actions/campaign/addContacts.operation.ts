import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { changeMembership, membershipProperties } from './membership';

const show = { resource: ['campaign'], operation: ['addContacts'] };

export const description = updateDisplayOptions({ show }, membershipProperties(show, 'add to the campaign'));

/** Adds existing contacts to a campaign, in bulk. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await changeMembership(this, 'add');
}
