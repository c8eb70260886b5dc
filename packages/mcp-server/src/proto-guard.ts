// Refuses `__proto__` keys in requests instead of letting them vanish. JSON.parse keeps `"__proto__"` as an own
// key, but the SDK's message schema copies objects by assignment, which turns that key into the copy's prototype:
// the argument silently disappears before any tool sees it (and a closed input schema cannot object). Both
// transports therefore look at the raw message first and answer a request that carries such a key with a
// JSON-RPC "invalid params" error naming where it was.
import { Transform, type TransformCallback, type Writable } from 'node:stream';

/** The JSON-RPC error code for invalid params. */
const INVALID_PARAMS = -32602;

/** The path of the first own `__proto__` key in `value` (e.g. `params.arguments.rows[2].__proto__`), if any. */
export function findProtoKey(value: unknown, path = 'params', depth = 0): string | undefined {
  if (typeof value !== 'object' || value === null || depth > 64) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = findProtoKey(value[i], `${path}[${i}]`, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (key === '__proto__') return `${path}.__proto__`;
    const found = findProtoKey((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The JSON-RPC error answer for a request whose params carry `__proto__` at `where`. */
export function protoKeyError(id: unknown, where: string): Record<string, unknown> {
  return {
    jsonrpc: '2.0',
    id: typeof id === 'string' || typeof id === 'number' ? id : null,
    error: {
      code: INVALID_PARAMS,
      message: `Invalid params: the key "__proto__" (at ${where}) is refused; JSON object keys named __proto__ would be dropped silently, so no tool accepts them`,
    },
  };
}

/** The error answer for a parsed JSON-RPC message (or batch), if it is a request that carries a `__proto__` key. */
export function refuseProtoKeys(message: unknown): Record<string, unknown> | undefined {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return undefined;
  const { id, method, params } = message as { id?: unknown; method?: unknown; params?: unknown };
  if (typeof method !== 'string' || id === undefined) return undefined;
  const where = findProtoKey(params);
  return where === undefined ? undefined : protoKeyError(id, where);
}

/**
 * A line filter for stdio: lines that are requests carrying `__proto__` are answered on `stdout` with the error and
 * not passed on; every other line passes unchanged, so the SDK's transport parses it as before.
 */
export function protoGuardStdin(stdout: Writable): Transform {
  let pending = '';
  const check = (line: string, push: (text: string) => void) => {
    if (line.includes('__proto__')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        parsed = undefined; // not JSON: the SDK answers it as it always does
      }
      const refusal = refuseProtoKeys(parsed);
      if (refusal !== undefined) {
        stdout.write(`${JSON.stringify(refusal)}\n`);
        return;
      }
    }
    push(`${line}\n`);
  };
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      pending += chunk.toString('utf8');
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        check(pending.slice(0, newline), (text) => this.push(text));
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
      }
      done();
    },
    flush(done: TransformCallback) {
      if (pending !== '') check(pending, (text) => this.push(text));
      done();
    },
  });
}
