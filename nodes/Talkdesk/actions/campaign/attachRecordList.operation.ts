import { listLinkOperation } from './listLink';

export const { description, execute } = listLinkOperation('attachRecordList', 'recordList', true);
