// The package's public surface is exactly what src/index.ts means to ship, and the implementation subpath that the
// serialized provider imports is exported and provides the factory it calls.
import { expect, it } from 'vitest';
import { loadProviderPackage, nativeRequire } from './helpers.js';

it('exports the resource, the provider factory, the plugin adapter and schema, and the names users need, nothing else', () => {
  expect(Object.keys(loadProviderPackage()).sort()).toEqual([
    'CONFIG_KEYS',
    'IsvCustomerTerms',
    'PACKAGE_NAME',
    'PLUGIN_CONFIG_KEYS',
    'PLUGIN_RESOURCE_TYPE',
    'REPLACING_PROPERTIES',
    'RESOURCE_TYPE',
    'UPDATABLE_PROPERTIES',
    'createIsvCustomerTermsProvider',
    'createPluginProvider',
    'packageSchema',
  ]);
  const pkg = loadProviderPackage();
  expect(pkg.RESOURCE_TYPE).toBe('pulumi-nodejs:dynamic/chatapp-isv:IsvCustomerTerms');
  expect(Object.values(pkg.CONFIG_KEYS).sort()).toEqual([
    'alicloud:accessKey',
    'alicloud:region',
    'alicloud:secretKey',
    'alicloud:securityToken',
    'chatapp-isv:endpoint',
    'chatapp-isv:quotaRedisUrl',
  ]);
});

it('exports the implementation subpath the serialized provider loads', () => {
  const implementation = nativeRequire('@chatapp-isv/pulumi-provider/provider') as Record<string, unknown>;
  expect(typeof implementation['createIsvCustomerTermsProvider']).toBe('function');
});
