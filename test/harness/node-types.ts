/**
 * The node-types registry n8n-core resolves `node.type` against, plus the stand-in nodes every harness knows:
 *
 * - `n8n-nodes-base.manualTrigger`: behaves like n8n's Manual Trigger (emits one empty item when run manually).
 * - `test.items`: emits the items in its `items` parameter (a JSON array string, or an array set in code).
 * - `n8n-nodes-base.noOp`: passes its input through, handy as a downstream node in multi-node workflows.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	ITriggerFunctions,
	ITriggerResponse,
	IVersionedNodeType,
} from 'n8n-workflow';
import {
	NodeConnectionTypes,
	NodeHelpers,
	NodeOperationError,
	UnexpectedError,
	jsonParse,
} from 'n8n-workflow';

/** Our npm package name: n8n prefixes community node types with it (`n8n-nodes-voice-campaigns.taalk`). */
export const PACKAGE_NAME = 'n8n-nodes-voice-campaigns';
export const MANUAL_TRIGGER_TYPE = 'n8n-nodes-base.manualTrigger';
export const ITEMS_NODE_TYPE = 'test.items';
export const NO_OP_NODE_TYPE = 'n8n-nodes-base.noOp';

export type AnyNodeType = INodeType | IVersionedNodeType;

class ManualTriggerStandIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Runs the flow on clicking a button in n8n',
		maxNodes: 1,
		defaults: { name: 'When clicking ‘Execute workflow’' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		// Same contract as n8n's node: in manual mode WorkflowExecute calls manualTriggerFunction and waits for emit().
		const manualTriggerFunction = async () => {
			this.emit([this.helpers.returnJsonArray([{}])]);
		};
		return { manualTriggerFunction };
	}
}

class ItemsStandIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Items',
		name: ITEMS_NODE_TYPE,
		group: ['transform'],
		version: 1,
		description: 'Emits the given items (test harness stand-in)',
		defaults: { name: 'Items' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Items',
				name: 'items',
				type: 'json',
				default: '[{}]',
				description: 'JSON array; each element becomes the `json` of one output item',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string | IDataObject[];
		const items: unknown = typeof raw === 'string' ? jsonParse(raw) : raw;
		if (!Array.isArray(items)) {
			throw new NodeOperationError(this.getNode(), 'Parameter "items" must be a JSON array');
		}
		return [items.map((json: IDataObject) => ({ json, pairedItem: { item: 0 } }))];
	}
}

class NoOpStandIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'No Operation, do nothing',
		name: 'noOp',
		group: ['organization'],
		version: 1,
		description: 'No Operation',
		defaults: { name: 'No Operation, do nothing' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

/** The short name a node class declares, e.g. 'taalk' (tolerates an already package-prefixed name). */
export function shortNodeName(nodeType: AnyNodeType): string {
	const { name } = nodeType.description;
	return name.startsWith(`${PACKAGE_NAME}.`) ? name.slice(PACKAGE_NAME.length + 1) : name;
}

/** INodeTypes over instantiated node classes, each reachable by several names. */
export class NodeTypesRegistry implements INodeTypes {
	private readonly byName = new Map<string, AnyNodeType>();

	constructor(nodeClasses: Array<new () => AnyNodeType>) {
		this.register(new ManualTriggerStandIn(), [MANUAL_TRIGGER_TYPE]);
		this.register(new ItemsStandIn(), [ITEMS_NODE_TYPE]);
		this.register(new NoOpStandIn(), [NO_OP_NODE_TYPE]);
		for (const NodeClass of nodeClasses) {
			const nodeType = new NodeClass();
			const short = shortNodeName(nodeType);
			// Tests may use the bare name ('taalk') or the name n8n gives installed community nodes.
			this.register(nodeType, [short, `${PACKAGE_NAME}.${short}`]);
		}
	}

	register(nodeType: AnyNodeType, names: string[]): void {
		for (const name of names) {
			if (this.byName.has(name)) throw new UnexpectedError(`Node type "${name}" is registered twice`);
			this.byName.set(name, nodeType);
		}
	}

	getByName(name: string): AnyNodeType {
		const nodeType = this.byName.get(name);
		if (nodeType === undefined) {
			const known = [...this.byName.keys()].join(', ');
			throw new UnexpectedError(`Unknown node type "${name}" (registered: ${known})`);
		}
		return nodeType;
	}

	getByNameAndVersion(name: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(name), version);
	}

	getKnownTypes(): IDataObject {
		const known: IDataObject = {};
		for (const [name, nodeType] of this.byName) {
			known[name] = { className: nodeType.constructor.name, sourcePath: '' };
		}
		return known;
	}

	/** The latest version a node type declares (what n8n puts on a freshly added node). */
	latestVersion(name: string): number {
		const nodeType = this.getByName(name);
		if ('nodeVersions' in nodeType) return nodeType.currentVersion;
		const { version } = nodeType.description;
		return Array.isArray(version) ? Math.max(...version) : version;
	}
}
