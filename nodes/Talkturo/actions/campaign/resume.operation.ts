import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { talkturo } from '../../provider';
import { changeStatus } from './status';

const show = { resource: ['campaign'], operation: ['resume'] };

export const description = updateDisplayOptions({ show }, talkturo.campaignOnly(show));

/** Sets a paused (or draft/scheduled) campaign running again. Needs calling credits. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await changeStatus(this, 'running', 'Resume');
}
