// Inspection endpoints under /__emulator/, so tests in another process (the bin, Pulumi, MCP) can see what the
// emulator recorded and inject faults. They need no signature: the emulator only ever listens for local tests.
import { jsonReply, type EmulatorInstance, type Reply } from './instance.js';
import { assertOperation, parseFaultSpec } from './faults.js';
import { validateWithdrawn } from './seed.js';

function parseJson(body: Buffer, shape: string): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new TypeError(`the body must be JSON: ${shape}`);
  }
}

/**
 * Answers GET submissions|stats|objects|instances|withdrawn, PUT withdrawn, POST faults and
 * DELETE faults[?operation=…].
 */
export function handleInspection(
  method: string,
  route: string,
  rawQuery: string,
  body: Buffer,
  core: EmulatorInstance,
): Reply {
  try {
    if (method === 'GET' && route === 'submissions') return jsonReply(200, core.submissions.list());
    if (method === 'GET' && route === 'stats') return jsonReply(200, core.stats.snapshot());
    if (method === 'GET' && route === 'objects') return jsonReply(200, core.objects.list());
    if (method === 'GET' && route === 'instances') return jsonReply(200, core.instances.list());
    if (method === 'GET' && route === 'withdrawn') return jsonReply(200, [...core.withdrawn]);
    if (method === 'PUT' && route === 'withdrawn') {
      const operations = validateWithdrawn(
        parseJson(body, '["SubmitIsvCustomerTerms", ...]'),
        'body',
        'invalid withdrawn list',
      );
      core.withdrawn.clear();
      for (const operation of operations) core.withdrawn.add(operation);
      return jsonReply(200, { ok: true, withdrawn: operations });
    }
    if (method === 'POST' && route === 'faults') {
      const input = parseJson(body, '{"operation": "...", ...fault}');
      if (typeof input !== 'object' || input === null) throw new TypeError('the body must be a JSON object');
      const { operation, ...fault } = input as Record<string, unknown>;
      assertOperation(operation);
      core.faults.set(operation, parseFaultSpec(fault));
      return jsonReply(200, { ok: true, operation });
    }
    if (method === 'DELETE' && route === 'faults') {
      const operation = new URLSearchParams(rawQuery).get('operation');
      if (operation === null) core.faults.clear();
      else {
        assertOperation(operation);
        core.faults.clear(operation);
      }
      return jsonReply(200, { ok: true });
    }
    return jsonReply(404, { error: `no inspection endpoint ${method} /__emulator/${route}` });
  } catch (error) {
    return jsonReply(400, { error: (error as Error).message });
  }
}
