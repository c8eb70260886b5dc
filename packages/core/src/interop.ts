// @alicloud/* packages are CommonJS modules compiled from TypeScript: the main class sits on `exports.default`
// next to named exports (`exports.Config`, …). Node's ESM loader hands us `module.exports` as the default import,
// while other loaders (vitest's, bundlers) hand us `exports.default` itself. These helpers accept either shape and
// return the `module.exports` object, so `.default` is always the class and named exports are always present.

/** `module.exports` of a CommonJS module, from its ESM namespace, whatever the loader did with `default`. */
export function commonJsExports<T extends object>(namespace: { default: T }): T {
  const candidate: unknown = namespace.default;
  if (typeof candidate === 'object' && candidate !== null && 'default' in candidate) return candidate as T;
  // The loader unwrapped `default`: the namespace itself carries the named exports and `default` is the class.
  return namespace as unknown as T;
}
