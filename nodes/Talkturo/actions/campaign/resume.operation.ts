import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { operationParameters } from '../../../common/nodeDescription';
import { talkturo } from '../../provider';
import { changeStatus } from './status';

export const description = operationParameters('campaign', 'resume', talkturo.campaignOnly());

/** Sets a paused (or draft/scheduled) campaign running again. Needs calling credits. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await changeStatus(this, 'running', 'Resume');
}
