import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { route } from '../../common/router';
import * as campaign from './campaign/Campaign.resource';
import * as contact from './contact/Contact.resource';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route.call(this, { campaign, contact });
}
