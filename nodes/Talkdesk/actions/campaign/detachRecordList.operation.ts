import { listLinkOperation } from './listLink';

export const { description, execute } = listLinkOperation('detachRecordList', 'recordList', false);
