import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { operationParameters } from '../../../common/nodeDescription';
import { talkturo } from '../../provider';
import { changeStatus } from './status';

export const description = operationParameters('campaign', 'pause', talkturo.campaignOnly());

/** Pauses a running campaign: no new calls start until it is resumed. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await changeStatus(this, 'paused', 'Pause');
}
