import { describeMatrix } from './engine';
import { talkdeskLoss, talkdeskRows } from './rows/talkdesk';

jest.setTimeout(300_000);

describeMatrix('Talkdesk', talkdeskRows, talkdeskLoss);
