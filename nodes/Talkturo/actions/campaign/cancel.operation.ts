import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { talkturo } from '../../provider';
import { changeStatus } from './status';

const show = { resource: ['campaign'], operation: ['cancel'] };

export const description = updateDisplayOptions({ show }, talkturo.campaignOnly(show));

/** Stops a campaign for good. A cancelled campaign cannot be resumed. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await changeStatus(this, 'cancelled', 'Cancel');
}
