import { describeMatrix } from './engine';
import { withParallelBatches } from './rows/parallel';
import { taalkLoss, taalkRows } from './rows/taalk';

jest.setTimeout(300_000);

describeMatrix(
	'Taalk',
	[...taalkRows, ...withParallelBatches(taalkRows, ['Contact Append', 'Contact Remove'])],
	taalkLoss,
);
