// What an operation module exports: its action name, its parameter rules and its handler. The RPC front end reads
// the parameters through the rules (presence of every required one first, in declared order, so the first missing
// field is the one reported; then each present value is checked), so a handler only ever sees checked values.
import { rpcErrors } from '../errors.js';
import type { OperationCall, OperationContext, OperationResult } from './context.js';

/** Checks one present, non-empty parameter value and returns it parsed; refusals name the parameter. */
export interface ParamRule<T> {
  parse(value: string, name: string): T;
}

/** A rule plus whether the parameter must be sent. */
export interface ParamSpec<T, Required extends boolean> {
  readonly rule: ParamRule<T>;
  readonly required: Required;
}

/** A parameter that must be present and non-empty (`MissingParameter` otherwise). */
export function required<T>(rule: ParamRule<T>): ParamSpec<T, true> {
  return { rule, required: true };
}

/** A parameter that may be left out; an empty value counts as left out. */
export function optional<T>(rule: ParamRule<T>): ParamSpec<T, false> {
  return { rule, required: false };
}

/** Wire name → spec, in the documented order. */
export type ParamSpecs = Readonly<Record<string, ParamSpec<unknown, boolean>>>;

/** The checked arguments a handler receives: required ones always set, optional ones possibly undefined. */
export type Args<P extends ParamSpecs> = {
  readonly [K in keyof P]: P[K] extends ParamSpec<infer T, true>
    ? T
    : P[K] extends ParamSpec<infer T, false>
      ? T | undefined
      : never;
};

/** One ChatApp RPC operation. */
export interface OperationDefinition<Action extends string = string, P extends ParamSpecs = ParamSpecs> {
  /** The wire `Action`; the RAM action is `cams:<Action>`. */
  readonly action: Action;
  /** Parameter rules by wire name, in the documented order. Parameters not listed are ignored. */
  readonly params: P;
  /**
   * Whether every body of this operation carries `Success` (true on success, false on an error): the newer
   * SDK models have it, the models of the two original operations do not, so their bodies stay as they were.
   */
  readonly successField: boolean;
  /** Runs after authentication, quota, subscription, RAM and parameter checks; ownership checks are its own. */
  handle(args: Args<P>, call: OperationCall, ctx: OperationContext): OperationResult;
}

/** Identity helper that infers the action literal and the argument types of a definition. */
export function defineOperation<Action extends string, P extends ParamSpecs>(
  definition: OperationDefinition<Action, P>,
): OperationDefinition<Action, P> {
  return definition;
}

/** Reads and checks the parameters of a call against a definition's rules. */
export function readArgs<P extends ParamSpecs>(specs: P, params: ReadonlyMap<string, string>): Args<P> {
  const entries = Object.entries(specs);
  for (const [name, spec] of entries) {
    if (spec.required && !params.get(name)) throw rpcErrors.missingParameter(name);
  }
  const args: Record<string, unknown> = {};
  for (const [name, spec] of entries) {
    const value = params.get(name);
    args[name] = value === undefined || value === '' ? undefined : spec.rule.parse(value, name);
  }
  return args as Args<P>;
}
