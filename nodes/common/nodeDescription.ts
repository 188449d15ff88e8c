import { NodeConnectionTypes, updateDisplayOptions } from 'n8n-workflow';
import type {
	INodeCredentialDescription,
	INodeProperties,
	INodePropertyOptions,
	INodeTypeDescription,
	IWebhookDescription,
} from 'n8n-workflow';

/**
 * The parts of a node class description that every node of this package writes alike. Each `*.node.ts` still
 * writes, as a literal, what tells its nodes apart and what n8n's linter reads there: `displayName`, `name`, `icon`,
 * `subtitle`, `description`, `usableAsTool` and `properties`.
 */
type Frame = Pick<
	INodeTypeDescription,
	'group' | 'version' | 'defaults' | 'inputs' | 'outputs' | 'credentials'
>;

/** "operation: resource" under an action node on the canvas. */
export const RESOURCE_OPERATION_SUBTITLE = '={{$parameter["operation"] + ": " + $parameter["resource"]}}';

/** An action node: version 1, one main input and one main output, the provider's credential required. */
export function actionNode(defaultName: string, credential: string): Frame {
	return {
		group: ['output'],
		version: 1,
		defaults: { name: defaultName },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: credential, required: true }],
	};
}

/**
 * A webhook trigger: version 1, no input, one main output, and one POST webhook (`default`) that answers as soon
 * as it is received unless `webhook` says otherwise.
 */
export function webhookTriggerNode(
	defaultName: string,
	credential: string | INodeCredentialDescription,
	webhook: Partial<IWebhookDescription> & Pick<IWebhookDescription, 'path'>,
): Frame & Pick<INodeTypeDescription, 'webhooks'> {
	return {
		group: ['trigger'],
		version: 1,
		defaults: { name: defaultName },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [typeof credential === 'string' ? { name: credential, required: true } : credential],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', ...webhook }],
	};
}

/** A notice at the top of a node's panel. */
export function notice(displayName: string, name = 'notice'): INodeProperties {
	return { displayName, name, type: 'notice', default: '' };
}

/** An action node's Resource dropdown. */
export function resourceField(defaultResource: string, options: INodePropertyOptions[]): INodeProperties {
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options,
		default: defaultResource,
	};
}

/** One operation of a resource: its entry in the Operation dropdown, and what an AI agent is told it does. */
export type OperationOption = INodePropertyOptions & {
	value: string;
	/**
	 * The tool form's Description for this operation: what it does to the campaign and what it needs, ending
	 * "Needs …". The model picks the tool and fills its fields from it.
	 */
	tool: string;
};

/**
 * A resource's Operation dropdown (its operations A to Z, each with the `action` n8n's nodes panel lists), followed
 * by the Description an AI agent reads when the node is one of its tools, one per operation.
 *
 * The Descriptions are shown only on the node's tool form (`@tool`), so the node's normal form and runs are
 * unchanged. n8n adds its own "Tool Description" to a tool made from a node only when the node has no
 * `toolDescription` parameter, and its automatic text is just the action ("Pause a campaign in Talkturo"). Each of
 * these is prefilled with its operation's `tool` sentence (editable) and follows the operation picked: a value left
 * as it is is the default of the operation's own field.
 */
export function operationFields(
	resource: string,
	defaultOperation: string,
	options: OperationOption[],
): INodeProperties[] {
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options: options.map(({ tool: _tool, ...option }) => option),
			default: defaultOperation,
		},
		...options.map(({ value, tool }): INodeProperties => ({
			displayName: 'Description',
			name: 'toolDescription',
			type: 'string',
			required: true,
			default: tool,
			typeOptions: { rows: 3 },
			description:
				'What the AI agent is told this tool does and needs; the model chooses the tool and fills its fields from it',
			displayOptions: { show: { '@tool': [true], resource: [resource], operation: [value] } },
		})),
	];
}

/** An event a trigger can start for: its value, its name in the Events list, and the action n8n's nodes panel lists. */
export type TriggerEvent = readonly [value: string, name: string, action: string];

/** A trigger's Events filter (empty: every event). */
export function eventsField(
	events: readonly TriggerEvent[],
	defaultEvents: string[],
	description: string,
): INodeProperties {
	return {
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		default: [...defaultEvents],
		options: events.map(([value, name, action]) => ({ name, value, action })),
		description,
	};
}

/** 'reached-max-retries' → "Reached Max Retries", 'EXTRA_1' → "Extra 1", 'MONDAY' → "Monday". */
export function titleCase(value: string): string {
	return value
		.split(/[-_]/)
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase())
		.join(' ');
}

/** Options named after their values, in Title Case, in the order given. */
export function titledOptions(values: readonly string[]): INodePropertyOptions[] {
	return values.map((value) => ({ name: titleCase(value), value }));
}

const BY_EXPRESSION = 'using an <a href="https://docs.n8n.io/code/expressions/">expression</a>';

/**
 * A dropdown that the node's `loadOptions` method `method` fills. As n8n asks of such fields, its name says
 * "Name or ID" and its description that an ID may be given by an expression instead (`purpose` comes first).
 */
export function loadedOptionsField(
	noun: string,
	name: string,
	method: string,
	purpose: string,
	extra: Partial<INodeProperties> = {},
): INodeProperties {
	return {
		displayName: `${noun} Name or ID`,
		name,
		type: 'options',
		typeOptions: { loadOptionsMethod: method },
		default: '',
		description: `${purpose}. Choose from the list, or specify an ID ${BY_EXPRESSION}.`,
		...extra,
	};
}

/** `loadedOptionsField` for several choices: "Names or IDs". */
export function loadedMultiOptionsField(
	noun: string,
	name: string,
	method: string,
	purpose: string,
): INodeProperties {
	return {
		displayName: `${noun} Names or IDs`,
		name,
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: method },
		default: [],
		description: `${purpose}. Choose from the list, or specify IDs ${BY_EXPRESSION}.`,
	};
}

/** An operation's parameters, each shown only when its resource and operation are picked. */
export function operationParameters(
	resource: string,
	operation: string,
	properties: INodeProperties[],
): INodeProperties[] {
	return updateDisplayOptions({ show: { resource: [resource], operation: [operation] } }, properties);
}
