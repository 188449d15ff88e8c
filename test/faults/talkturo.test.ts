import { describeMatrix } from './engine';
import { withParallelBatches } from './rows/parallel';
import { talkturoLoss, talkturoRows } from './rows/talkturo';

jest.setTimeout(300_000);

describeMatrix(
	'Talkturo',
	[
		...talkturoRows,
		...withParallelBatches(talkturoRows, ['Campaign Add Contacts', 'Campaign Remove Contacts']),
	],
	talkturoLoss,
);
