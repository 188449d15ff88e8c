import { describeMatrix } from './engine';
import { taalkLoss, taalkRows } from './rows/taalk';

jest.setTimeout(300_000);

describeMatrix('Taalk', taalkRows, taalkLoss);
