import { listLinkOperation } from './listLink';

export const { description, execute } = listLinkOperation('attachDncList', 'dncList', true);
