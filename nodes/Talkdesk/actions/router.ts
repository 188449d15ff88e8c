import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { route } from '../../common/router';
import * as campaign from './campaign/Campaign.resource';
import * as dncEntry from './dncEntry/DncEntry.resource';
import * as record from './record/Record.resource';
import * as recordList from './recordList/RecordList.resource';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route.call(this, { campaign, dncEntry, record, recordList });
}
