import { describeMatrix } from './engine';
import { withParallelBatches } from './rows/parallel';
import { talkdeskLoss, talkdeskRows } from './rows/talkdesk';

jest.setTimeout(300_000);

describeMatrix(
	'Talkdesk',
	[...talkdeskRows, ...withParallelBatches(talkdeskRows, ['Record Append', 'Record Remove'])],
	talkdeskLoss,
);
