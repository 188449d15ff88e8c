import { TaalkApi } from '../../credentials/TaalkApi.credentials';
import { TaalkTrigger } from '../../nodes/TaalkTrigger/TaalkTrigger.node';
import { Harness } from '../harness';
import { startTaalkSandbox } from '../sandbox/taalk';
import type { TaalkSandbox } from '../sandbox/taalk';
import { TAALK_KEY } from './setup';

let sandbox: TaalkSandbox;
let harness: Harness;
beforeEach(async () => {
	sandbox = await startTaalkSandbox({ apiKey: TAALK_KEY });
	harness = new Harness({
		nodeTypes: [TaalkTrigger],
		credentialTypes: [TaalkApi],
		credentials: [
			{
				id: 'taalk',
				name: 'Taalk account',
				type: 'taalkApi',
				data: { apiKey: TAALK_KEY, baseUrl: sandbox.baseUrl },
			},
		],
	});
});
afterEach(async () => await sandbox.close());

const credentials = { taalkApi: { id: 'taalk', name: 'Taalk account' } };
const post = (parameters: object, body: unknown, extra: { query?: object; headers?: object } = {}) =>
	harness.runWebhook({
		type: 'taalkTrigger',
		parameters: parameters as never,
		credentials,
		request: {
			method: 'POST',
			body,
			headers: { 'content-type': 'application/json', ...extra.headers },
			query: extra.query as never,
		},
	});

describe('Taalk Trigger', () => {
	it('starts the workflow with the posted event', async () => {
		const result = await post({}, { event: 'FINISH', phone: '7047058647', Taalk_Success: true });
		expect(result.items).toEqual([[{ json: { event: 'FINISH', phone: '7047058647', Taalk_Success: true } }]]);
	});

	it('only starts for the chosen events, acknowledging the others', async () => {
		const skipped = await post({ events: ['FINISH', 'AFTER_FINISH'] }, { event: 'START' });
		expect(skipped.items).toBeUndefined();
		expect(skipped.responseStatus).toBe(200);
		expect(skipped.responseBody).toEqual({ received: true, started: false });

		const started = await post({ events: ['FINISH', 'AFTER_FINISH'] }, { type: 'after_finish' });
		expect(started.items?.[0]).toHaveLength(1);
	});

	it('rejects requests without the secret token, accepts it as query or header', async () => {
		const params = { secretToken: 's3cret-token' };
		const rejected = await post(params, { event: 'FINISH' }, { query: { token: 'guess' } });
		expect(rejected.responseStatus).toBe(401);
		expect(rejected.items).toBeUndefined();
		expect(JSON.stringify(rejected.responseBody)).not.toContain('s3cret-token');

		expect(
			(await post(params, { event: 'FINISH' }, { query: { token: 's3cret-token' } })).items,
		).toBeDefined();
		expect(
			(await post(params, { event: 'FINISH' }, { headers: { 'x-taalk-token': 's3cret-token' } })).items,
		).toBeDefined();
	});

	it('fetches the call (transcript, summary) when asked and the payload names it', async () => {
		const campaign = sandbox.addCampaign({ name: 'Follow-up' });
		const placed = await fetch(`${sandbox.baseUrl}/call`, {
			method: 'POST',
			headers: { authorization: `Bearer ${TAALK_KEY}`, 'content-type': 'application/json' },
			body: JSON.stringify({ name: 'Ada', phone: '7045552000', campaign: campaign._id }),
		}).then(async (r) => (await r.json()) as { _id: string });
		sandbox.completeCall(placed._id, { status: 'completed', summary: 'Wants a callback' });

		const result = await post(
			{ options: { fetchCall: true } },
			{ event: 'AFTER_FINISH', callId: placed._id },
		);
		expect(result.items?.[0][0].json).toMatchObject({
			event: 'AFTER_FINISH',
			call: { _id: placed._id, status: 'completed', summary: 'Wants a callback' },
		});
	});

	it('a call Taalk cannot give yet (404) is noted on the event, which still starts the workflow', async () => {
		const missing = '67910a3c99aeedfec27f86ff';
		const result = await post({ options: { fetchCall: true } }, { event: 'FINISH', callId: missing });
		const event = result.items?.[0][0].json;
		expect(event).toMatchObject({ event: 'FINISH', callId: missing });
		expect(event?.call).toBeUndefined();
		expect(event?.callError).toMatch(new RegExp(`^Call ${missing}: Taalk: `));
	});

	it('has nothing to register: the URL is pasted in the Taalk console', async () => {
		for (const method of ['checkExists', 'create', 'delete'] as const) {
			const { result } = await harness.runWebhookLifecycle({
				type: 'taalkTrigger',
				parameters: {},
				credentials,
				method,
			});
			expect(result).toBe(true);
		}
		expect(sandbox.count()).toBe(0);
	});
});
