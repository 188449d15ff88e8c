import { listLinkOperation } from './listLink';

export const { description, execute } = listLinkOperation('detachDncList', 'dncList', false);
