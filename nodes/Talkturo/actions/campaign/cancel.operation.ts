import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { campaignOnlyProperties } from '../shared';
import { changeStatus } from './status';

const show = { resource: ['campaign'], operation: ['cancel'] };

export const description = updateDisplayOptions({ show }, campaignOnlyProperties(show));

/** Stops a campaign for good. A cancelled campaign cannot be resumed. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await changeStatus(this, 'cancelled', 'Cancel');
}
