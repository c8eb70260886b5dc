// Confirm before write. A submission registers a legal agreement and is not idempotent, so before a tool sends one
// a person is asked, with a preview of exactly what will be sent (customer, space, file name, size, SHA-256).
//
// How the question travels depends on the protocol era: a 2025-era client gets a server-to-client
// `elicitation/create` request (answered before the tool call returns); a 2026-07-28 client gets an `input_required`
// result (multi round-trip) and retries the call with the answer. The retried call is untrusted input, so the
// request state we hand out is an HMAC over the preview: an answer counts only for the very preview it was given
// for, and a retry with other arguments is asked again.
//
// A client that cannot ask (no elicitation capability, or a 2025-era call over our stateless HTTP, which cannot
// carry a server-to-client request) is refused with a message telling the operator how to allow writes; nothing
// is ever sent silently unless the operator chose `--confirm=never` (`--yes`).
import { createHmac, randomBytes } from 'node:crypto';

import { inputRequired, inputResponse } from '@modelcontextprotocol/server';
import type { CallToolResult, McpServer, ServerContext } from '@modelcontextprotocol/server';

/** `ask`: confirm every write through elicitation, refuse when the client cannot; `never`: write without asking. */
export type ConfirmPolicy = 'ask' | 'never';

/** The confirm policies, as `--confirm` accepts them. */
export const CONFIRM_POLICIES: readonly ConfirmPolicy[] = ['ask', 'never'];

/** What a person is asked to approve. */
export interface WritePreview {
  /** One line saying what happens, e.g. "Submit the signed agreement of Acme Ltd to Alibaba Cloud ChatApp". */
  readonly action: string;
  /** Labelled details, shown one per line. */
  readonly details: readonly (readonly [label: string, value: string])[];
}

/** Either go ahead, or return `result` (a question for the client, or a refusal) without sending anything. */
export type ConfirmOutcome = { readonly proceed: true } | { readonly proceed: false; readonly result: CallToolResult };

/** Asks for confirmations under one policy. */
export interface Confirmer {
  /** The policy in force. */
  readonly policy: ConfirmPolicy;
  /** Asks the person behind `ctx`'s client to approve `preview`. */
  confirm(server: McpServer, ctx: ServerContext, preview: WritePreview): Promise<ConfirmOutcome>;
}

/** Options for {@link createConfirmer}. */
export interface ConfirmerOptions {
  readonly policy: ConfirmPolicy;
  /**
   * Whether a 2025-era call may carry a server-to-client request. True on stdio; false on our stateless HTTP, where
   * the client's answer would arrive as a new request that no waiting call can receive.
   */
  readonly legacyRequests: boolean;
}

const PROTOCOL_KEY = 'io.modelcontextprotocol/protocolVersion';
const CAPABILITIES_KEY = 'io.modelcontextprotocol/clientCapabilities';
const ANSWER_KEY = 'confirm';

const REQUESTED_SCHEMA = {
  type: 'object' as const,
  properties: {
    confirm: {
      type: 'boolean' as const,
      title: 'Send it',
      description: 'Tick to send exactly what is shown above; leave unticked or decline to send nothing.',
      default: false,
    },
  },
  required: ['confirm'],
};

function previewText(preview: WritePreview): string {
  const lines = preview.details.map(([label, value]) => `${label}: ${value}`);
  return `${preview.action}?\n${lines.join('\n')}\nThis is a legal record and is not undone by sending it again.`;
}

function refusal(code: string, message: string): ConfirmOutcome {
  return { proceed: false, result: { isError: true, content: [{ type: 'text', text: `Error ${code}: ${message}` }] } };
}

const NOTHING_SENT = 'nothing was sent to Alibaba Cloud';

function answered(action: string, content: Record<string, unknown> | undefined): ConfirmOutcome {
  if (action === 'accept' && content?.['confirm'] === true) return { proceed: true };
  if (action === 'cancel') {
    return refusal(
      'ConfirmationCancelled',
      `the confirmation was cancelled; ${NOTHING_SENT}.\nHint: call again if the person wants to send it.`,
    );
  }
  return refusal(
    'ConfirmationDeclined',
    `the person declined; ${NOTHING_SENT}.\nHint: do not retry unless the person asks; change the input if something in the preview was wrong.`,
  );
}

/** True when `capabilities` declare form elicitation (an empty `elicitation: {}` means form, by the spec's rule). */
function canElicitForm(capabilities: unknown): boolean {
  const elicitation = (capabilities as { elicitation?: Record<string, unknown> } | undefined)?.elicitation;
  if (typeof elicitation !== 'object' || elicitation === null) return false;
  return Object.keys(elicitation).length === 0 || elicitation['form'] !== undefined;
}

/** Builds the confirmer; its HMAC key is random per process, so a request state never outlives the server. */
export function createConfirmer(options: ConfirmerOptions): Confirmer {
  const key = randomBytes(32);
  const seal = (text: string) => createHmac('sha256', key).update(text, 'utf8').digest('base64url');

  async function confirm(server: McpServer, ctx: ServerContext, preview: WritePreview): Promise<ConfirmOutcome> {
    if (options.policy === 'never') return { proceed: true };
    const message = previewText(preview);
    const envelope = ctx.mcpReq.envelope as Record<string, unknown> | undefined;
    const modern = envelope?.[PROTOCOL_KEY] !== undefined;
    const capabilities = modern ? envelope?.[CAPABILITIES_KEY] : server.server.getClientCapabilities();
    if (!canElicitForm(capabilities) || (!modern && !options.legacyRequests)) {
      const why = !canElicitForm(capabilities)
        ? 'this client cannot show a confirmation (it did not declare the MCP elicitation capability)'
        : 'this client speaks the 2025 protocol over HTTP, where this server cannot ask it a question (use stdio, or a 2026-07-28 client)';
      return refusal(
        'ConfirmationRequired',
        `this server asks a person to confirm every submission, and ${why}; ${NOTHING_SENT}.\nHint: the operator can allow writes without confirmation by restarting the server with --confirm=never (or --yes); tell the person, do not work around it.`,
      );
    }
    if (!modern) {
      try {
        const result = await ctx.mcpReq.elicitInput({ mode: 'form', message, requestedSchema: REQUESTED_SCHEMA });
        return answered(result.action, result.content as Record<string, unknown> | undefined);
      } catch {
        return refusal(
          'ConfirmationFailed',
          `the confirmation could not be completed; ${NOTHING_SENT}.\nHint: call again.`,
        );
      }
    }
    // 2026-07-28: the answer comes back on a retried call, with the state we sealed over this very preview.
    const expected = seal(message);
    const answer = inputResponse(ctx.mcpReq.inputResponses, ANSWER_KEY);
    const state: unknown = ctx.mcpReq.requestState();
    if (answer.kind === 'elicit' && state === expected) return answered(answer.action, answer.content);
    return {
      proceed: false,
      result: inputRequired({
        inputRequests: { [ANSWER_KEY]: inputRequired.elicit({ message, requestedSchema: REQUESTED_SCHEMA }) },
        requestState: expected,
      }) as unknown as CallToolResult,
    };
  }

  return { policy: options.policy, confirm };
}
