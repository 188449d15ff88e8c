import { describeMatrix } from './engine';
import { whatTalkLoss, whatTalkRows } from './rows/whattalk';

jest.setTimeout(300_000);

describeMatrix('WhatTalk', whatTalkRows, whatTalkLoss);
