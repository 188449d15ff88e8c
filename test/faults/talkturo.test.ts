import { describeMatrix } from './engine';
import { talkturoLoss, talkturoRows } from './rows/talkturo';

jest.setTimeout(300_000);

describeMatrix('Talkturo', talkturoRows, talkturoLoss);
