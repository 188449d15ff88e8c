import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { operationParameters } from '../../../common/nodeDescription';
import { chunk, groupBy } from '../../../common/batching';
import { additionalFields, batchSizeOption, optionsCollection } from '../../../common/descriptions';
import { readAllFields } from '../../../common/errors';
import type { PhoneSettings } from '../../../common/provider';
import { requestOptionFields, runWideOptions, runWideRetryPolicy } from '../../../common/requestOptions';
import { ItemResults, keyValues } from '../../../common/runner';
import type { RetryPolicy } from '../../../common/transport';
import { listPage } from '../../transport/paging';
import { talkturo } from '../../provider';
import { unwrap } from '../../transport';
import { addOutcome, changeCampaignContacts } from '../campaign/membership';
import { samePhone, teamIdOption, teamReader } from '../shared';
import { updateContact } from './api';
import {
	contactDetailFields,
	customFieldsParameter,
	firstNameField,
	lastNameField,
	readContactFields,
	readCustomFields,
	storedCustomFields,
} from './fields';

export const description = operationParameters('contact', 'upsertEnrol', [
	talkturo.campaignField(),
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+12025551234',
		description:
			'Finds the contact by this number (or creates it). Checked and sent in E.164; numbers without +country use Default Country.',
	},
	firstNameField,
	lastNameField,
	additionalFields(contactDetailFields),
	customFieldsParameter(),
	optionsCollection([
		batchSizeOption({ provider: 'Talkturo', noun: 'contacts to enrol', max: 1000, default: 100 }),
		...talkturo.phoneOptions,
		teamIdOption,
		{
			displayName: 'Update Existing Contacts',
			name: 'updateExisting',
			type: 'boolean',
			default: true,
			description:
				'Whether a contact found by phone gets the fields given here. Off: found contacts are only enrolled, unchanged.',
		},
		...requestOptionFields,
	]),
]);

interface Prepared {
	campaignId: string;
	teamId: string;
	phone: string;
	fields: IDataObject;
	customFields?: IDataObject;
}

interface Upserted {
	contact: IDataObject;
	contactId: string;
	contactAction: 'created' | 'updated' | 'unchanged';
	/** Other contacts with the same phone (the first found is used). */
	sameNumber: number;
}

const isDoNotCall = (contact: IDataObject) => contact.do_not_call === true || contact.doNotCall === true;

/** The team's contacts whose phone is `phone` (Talkturo's search is full-text; the phone is compared exactly). */
async function findByPhone(
	ctx: IExecuteFunctions,
	prepared: Prepared,
	phoneSettings: PhoneSettings,
	policy: RetryPolicy,
	itemIndex: number,
): Promise<IDataObject[]> {
	const page = await listPage(
		ctx,
		{ path: '/crm/contacts', qs: { teamId: prepared.teamId, search: prepared.phone }, key: 'contacts' },
		0,
		100,
		policy,
		itemIndex,
	);
	return page.items.filter((contact) => samePhone(contact.phone, prepared.phone, phoneSettings));
}

async function upsert(
	ctx: IExecuteFunctions,
	prepared: Prepared,
	known: IDataObject | undefined,
	phoneSettings: PhoneSettings,
	updateExisting: boolean,
	policy: RetryPolicy,
	itemIndex: number,
): Promise<Upserted> {
	const matches = known ? [known] : await findByPhone(ctx, prepared, phoneSettings, policy, itemIndex);
	const { phone, fields, customFields } = prepared;
	if (matches.length === 0) {
		const body: IDataObject = { teamId: prepared.teamId, ...fields, phone };
		if (customFields) body.customFields = customFields;
		// Not idempotent: only resent when Talkturo said it did not process it (no duplicate contacts).
		const response = await talkturo.request<IDataObject>(
			ctx,
			{ method: 'POST', path: '/crm/contacts', body, idempotent: false },
			policy,
			itemIndex,
		);
		const contact = unwrap(response.body, 'contact');
		return { contact, contactId: String(contact.id), contactAction: 'created', sameNumber: 0 };
	}
	const [found] = matches;
	const contactId = String(found.id);
	const sameNumber = matches.length - 1;
	if (!updateExisting || (Object.keys(fields).length === 0 && !customFields)) {
		return { contact: found, contactId, contactAction: 'unchanged', sameNumber };
	}
	const body: IDataObject = { ...fields };
	if (customFields) body.customFields = { ...storedCustomFields(found), ...customFields };
	const updated = await updateContact(ctx, contactId, body, policy, itemIndex);
	return { contact: { ...found, ...updated }, contactId, contactAction: 'updated', sameNumber };
}

/**
 * Finds each item's contact by phone (or creates it), updates it with the given fields, and enrols it
 * in the campaign, in one step. Every item is checked before any request. Contacts marked do-not-call
 * are not enrolled. Enrolments are sent in bulk per campaign. Each output item tells what happened:
 * `contactAction` (created / updated / unchanged) and `enrolment` (enrolled / skipped).
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const count = this.getInputData().length;
	const results = new ItemResults(this);
	const options = runWideOptions(this);
	const phoneSettings = talkturo.readPhoneSettings(this);
	const policy = runWideRetryPolicy(this);
	const updateExisting = options.updateExisting !== false;

	// 1. Check every item before any request.
	const prepared = new Map<number, Prepared>();
	for (let i = 0; i < count; i++) {
		try {
			const team = await teamReader(this, i);
			prepared.set(
				i,
				readAllFields((read) => {
					const phone = read(() => talkturo.phone(this.getNodeParameter('phone', i, ''), phoneSettings));
					const fields = read(() =>
						readContactFields(
							{
								firstName: this.getNodeParameter('firstName', i, ''),
								lastName: this.getNodeParameter('lastName', i, ''),
								...(this.getNodeParameter('additionalFields', i, {}) as IDataObject),
							},
							phoneSettings,
						),
					);
					return {
						campaignId: read(() => talkturo.readCampaignId(this, i)),
						teamId: read(team),
						phone,
						fields,
						customFields: read(() => readCustomFields(this, i)),
					};
				}),
			);
		} catch (error) {
			results.failure(i, error);
		}
	}

	// 2. Find or create, then update, one contact at a time (a phone seen earlier in the run is reused).
	const upserted = new Map<number, Upserted>();
	const byPhone = new Map<string, IDataObject>();
	for (const [i, item] of prepared) {
		try {
			const key = `${item.teamId}:${item.phone}`;
			const done = await upsert(this, item, byPhone.get(key), phoneSettings, updateExisting, policy, i);
			byPhone.set(key, done.contact);
			upserted.set(i, done);
		} catch (error) {
			results.failure(i, error, keyValues({ phone: item.phone, campaign: item.campaignId }));
		}
	}

	// 3. Enrol in bulk per campaign; do-not-call contacts are skipped without a request.
	const toEnrol: number[] = [];
	for (const [i, done] of upserted) {
		if (isDoNotCall(done.contact)) {
			results.success(i, output(prepared.get(i)!, done, 'skipped', { skipReason: 'do-not-call' }));
		} else {
			toEnrol.push(i);
		}
	}
	const chunkSize = Math.max(1, Math.floor(Number(options.chunkSize ?? 100)));
	const batches = groupBy(toEnrol, (i) => prepared.get(i)!.campaignId).flatMap((members) =>
		chunk(members, chunkSize),
	);
	for (const [number, members] of batches.entries()) {
		const campaignId = prepared.get(members[0])!.campaignId;
		const contactIds = [...new Set(members.map((i) => upserted.get(i)!.contactId))];
		let body: IDataObject;
		try {
			({ body } = await changeCampaignContacts(this, 'add', campaignId, contactIds, policy, members[0]));
		} catch (error) {
			const described = error as { description?: string | null };
			const original = described.description ?? '';
			for (const i of members) {
				const done = upserted.get(i)!;
				const note = `Contact ${done.contactId} was ${done.contactAction} but not added to the campaign.`;
				described.description = `${note} ${original}`.trim();
				const { phone } = prepared.get(i)!;
				results.failure(i, error, keyValues({ phone, contact: done.contactId, campaign: campaignId }));
			}
			continue;
		}
		for (const i of members) {
			const done = upserted.get(i)!;
			const fate = addOutcome(body, done.contactId, contactIds.length);
			const enrolment = fate === 'added' ? 'enrolled' : fate === 'sent' ? 'sent' : 'skipped';
			const extra: IDataObject = { batch: { number: number + 1, size: contactIds.length, ...body } };
			if (enrolment === 'skipped') extra.skipReason = fate === 'invalid' ? 'invalid' : 'talkturo';
			results.success(i, output(prepared.get(i)!, done, enrolment, extra));
		}
	}
	return results.output(count);
}

function output(item: Prepared, done: Upserted, enrolment: string, extra: IDataObject = {}): IDataObject {
	const why = extra.skipReason === 'do-not-call' ? ' (do-not-call)' : '';
	return {
		outcome: `${done.contactAction}, ${enrolment}${why}`,
		contactAction: done.contactAction,
		enrolment,
		...extra,
		contactId: done.contactId,
		campaignId: item.campaignId,
		phone: item.phone,
		...(done.sameNumber ? { otherContactsWithPhone: done.sameNumber } : {}),
		contact: done.contact,
	};
}
