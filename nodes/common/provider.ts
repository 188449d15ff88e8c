import { NodeOperationError } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { defaultCountryOption, optionsCollection, readLocatorId, resourceLocator } from './descriptions';
import type { LocatorOptions } from './descriptions';
import { credentialsOfRun } from './perRun';
import { checkCountry, normalizePhone } from './phone';
import type { PhoneFormat } from './phone';
import { forEachPrepared } from './prepared';
import { requestOptionFields, runWideOptions } from './requestOptions';
import { keyValues } from './runner';
import { DEFAULT_RETRY_POLICY, sendRequest } from './transport';
import type { ApiRequest, ApiResponse, ProviderErrors, RequestContext, RetryPolicy } from './transport';

/** One request to a provider's API, as its operations write it. A provider may add fields of its own. */
export interface ProviderRequest {
	method: IHttpRequestMethods;
	/** Path below the API base URL, e.g. `/campaigns/42`. */
	path?: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	/** See `ApiRequest.idempotent`. */
	idempotent: boolean;
	/** See `ApiRequest.appliedEarlier`. */
	appliedEarlier?: ApiRequest['appliedEarlier'];
}

/** How numbers travel to the provider, and what the Default Country option says about it. */
export interface PhoneConfig {
	/** The format numbers are sent in (the default of `formatOption` where the user may pick). */
	format: PhoneFormat;
	/** Added to Default Country's description, e.g. how the provider stores numbers. */
	note?: string;
	/** A parameter of the Options collection that lets the user pick the format (its values are `PhoneFormat`s). */
	formatOption?: INodeProperties;
	/** The phone parameter's display name in error messages; default "Phone". */
	field?: string;
}

export interface ProviderConfig<Req extends ProviderRequest> {
	/** Name in messages and hints, e.g. "Acme Calls". */
	name: string;
	credentialType: string;
	/** The API base URL, without a trailing slash, from the run's credential. What it throws fails the item's request. */
	baseUrl(credentials: ICredentialDataDecryptedObject): string;
	/** How the provider's error answers read: the same for every request, or per request (e.g. hints by operation). */
	errors: ProviderErrors | ((request: Req) => ProviderErrors);
	/** What the provider adds to every request it sends: a query value, headers, a renewable token, a link's URL. */
	adapt?(
		api: ApiRequest,
		request: Req,
		endpoint: { baseUrl: string; credentials: ICredentialDataDecryptedObject },
	): ApiRequest;
	/** What only the provider can say about a failed request (e.g. the scope a 403 is about); returns what to throw. */
	explain?(ctx: RequestContext, error: unknown, request: Req, itemIndex?: number): Promise<unknown>;
	/** The campaign picker: how the provider's campaign IDs and console URLs look. */
	campaign: Omit<
		LocatorOptions,
		'provider' | 'noun' | 'name' | 'displayName' | 'description' | 'displayOptions'
	>;
	phone: PhoneConfig;
}

/** The phone rules of a run: Default Country and format, read once, the same for every item. */
export interface PhoneSettings {
	defaultCountry: string;
	format: PhoneFormat;
}

/** What an operation sends for one item: the item's answer, or several answers (one output item each). */
type ItemSend<T> = (value: T, itemIndex: number, policy: RetryPolicy) => Promise<IDataObject | IDataObject[]>;

/** Everything a provider's operations share, built from its `ProviderConfig`. */
export interface Provider<Req extends ProviderRequest> {
	name: string;
	credentialType: string;
	/** The campaign locator's settings (ID shape and example, URL pattern). */
	campaign: LocatorOptions;
	/** The run's credential, read once per run. */
	credentials<T extends object = ICredentialDataDecryptedObject>(ctx: RequestContext): Promise<T>;
	/** The API base URL of the run's credential. */
	baseUrl(ctx: RequestContext): Promise<string>;
	/** One request: base URL and credential of the run, bounded retries, the provider's own error messages. */
	request<T = IDataObject>(
		ctx: RequestContext,
		request: Req,
		policy?: RetryPolicy,
		itemIndex?: number,
	): Promise<ApiResponse<T>>;
	/** The campaign picker (`operationParameters` shows it for its operation). */
	campaignField(): INodeProperties;
	/** The parameters of an operation that needs only the campaign: the picker and the request options. */
	campaignOnly(): INodeProperties[];
	/** The item's campaign ID, checked before any request. */
	readCampaignId(ctx: IExecuteFunctions, itemIndex: number): string;
	/** One request per item for the item's campaign; every campaign is checked before the first request. */
	forEachCampaign(ctx: IExecuteFunctions, send: ItemSend<string>): Promise<INodeExecutionData[]>;
	/** The phone options of the Options collection: Default Country, and Phone Format where the user picks it. */
	phoneOptions: INodeProperties[];
	/** The phone options of the run (run-wide: item 0's, see `runWideOptions`), checked once before any item. */
	readPhoneSettings(ctx: IExecuteFunctions, optionsName?: string): PhoneSettings;
	/** The phone options given in an options object (e.g. a Filters collection), checked. */
	phoneSettings(options: IDataObject): PhoneSettings;
	/** Checks one number and writes it as the provider takes it. */
	phone(input: unknown, settings: PhoneSettings, field?: string): string;
}

/** One provider's request function, campaign picker, phone rules and per-campaign operation runner. */
export function defineProvider<Req extends ProviderRequest = ProviderRequest & { path: string }>(
	config: ProviderConfig<Req>,
): Provider<Req> {
	const { name, credentialType } = config;
	const campaign: LocatorOptions = { provider: name, ...config.campaign };
	const credentials = async <T extends object = ICredentialDataDecryptedObject>(ctx: RequestContext) =>
		await credentialsOfRun<T>(ctx, credentialType);

	const phoneSettings = (options: IDataObject): PhoneSettings => {
		const defaultCountry = checkCountry(String(options.defaultCountry ?? 'US'));
		const chosen = config.phone.formatOption ? options[config.phone.formatOption.name] : undefined;
		return { defaultCountry, format: (chosen as PhoneFormat | undefined) ?? config.phone.format };
	};

	const readCampaignId = (ctx: IExecuteFunctions, itemIndex: number) =>
		readLocatorId(ctx, itemIndex, campaign);
	const campaignField = () => resourceLocator(campaign);

	return {
		name,
		credentialType,
		campaign,
		credentials,
		async baseUrl(ctx) {
			return config.baseUrl(await credentials(ctx));
		},
		async request<T = IDataObject>(
			ctx: RequestContext,
			request: Req,
			policy: RetryPolicy = DEFAULT_RETRY_POLICY,
			itemIndex?: number,
		): Promise<ApiResponse<T>> {
			const data = await credentials(ctx);
			let baseUrl: string;
			try {
				baseUrl = config.baseUrl(data);
			} catch (error) {
				throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
			}
			let api: ApiRequest = {
				method: request.method,
				url: `${baseUrl}${request.path ?? ''}`,
				qs: request.qs,
				body: request.body,
				idempotent: request.idempotent,
				appliedEarlier: request.appliedEarlier,
			};
			if (config.adapt) api = config.adapt(api, request, { baseUrl, credentials: data });
			const errors = typeof config.errors === 'function' ? config.errors(request) : config.errors;
			try {
				return await sendRequest<T>(ctx, credentialType, api, errors, policy, itemIndex);
			} catch (error) {
				throw config.explain ? await config.explain(ctx, error, request, itemIndex) : error;
			}
		},
		campaignField,
		campaignOnly: () => [campaignField(), optionsCollection(requestOptionFields)],
		readCampaignId,
		async forEachCampaign(ctx, send) {
			return await forEachPrepared(
				ctx,
				(i) => readCampaignId(ctx, i),
				send,
				(campaignId) => keyValues({ campaign: campaignId }),
			);
		},
		phoneOptions: [
			defaultCountryOption({ note: config.phone.note }),
			...(config.phone.formatOption ? [config.phone.formatOption] : []),
		],
		readPhoneSettings(ctx, optionsName = 'options') {
			return phoneSettings(runWideOptions(ctx, optionsName));
		},
		phoneSettings,
		phone(input, settings, field = config.phone.field ?? 'Phone') {
			return normalizePhone(input, { ...settings, field });
		},
	};
}
