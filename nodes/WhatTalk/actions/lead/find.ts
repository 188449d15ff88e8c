import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { whatTalk } from '../../provider';

/** The lead of a campaign with exactly this number, or undefined (also when the lookup fails: best effort). */
export async function findLead(
	ctx: IExecuteFunctions,
	campaignId: number,
	phone: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	try {
		const response = await whatTalk.request<{ data?: IDataObject[] }>(
			ctx,
			{
				method: 'GET',
				path: '/user/leads',
				qs: { campaign_id: campaignId, phone_number: phone, per_page: 100 },
				idempotent: true,
			},
			undefined,
			itemIndex,
		);
		const rows = Array.isArray(response.body.data) ? response.body.data : [];
		return rows.find((row) => row.phone_number === phone && Number(row.campaign_id) === campaignId);
	} catch {
		return undefined;
	}
}
