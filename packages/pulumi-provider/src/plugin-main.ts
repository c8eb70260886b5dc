// The entry point of the `pulumi-resource-chatapp-isv` plugin (bin/pulumi-resource-chatapp-isv runs it). The engine
// starts the plugin with its own address as the argument, in the Pulumi project directory (so relative terms file
// paths resolve as they do for the dynamic resource), and reads the port of our gRPC server from stdout.
import { readFileSync, realpathSync } from 'node:fs';
import { createEngineWarn, engineAddressOf } from './plugin-log.js';
import { createPluginProvider } from './plugin-provider.js';
import { serveProvider } from './plugin-server.js';

/** The plugin's version: the package's, which is what `pulumi plugin install resource chatapp-isv <version>` names. */
export function pluginVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}

/** Serves the plugin until the engine closes it. */
export async function runPlugin(argv: string[]): Promise<void> {
  const plugin = createPluginProvider(pluginVersion(), { warn: createEngineWarn(engineAddressOf(argv)) });
  await serveProvider(plugin.provider, argv, (args) => plugin.configure(args));
}

/**
 * A POSIX shell launcher that runs this installation's plugin with the `node` it was installed for. `pulumi plugin
 * install --file` copies one executable into the plugin cache, away from our dependencies, so the copy must point
 * back to the installed package instead of being the plugin itself.
 */
export function launcherScript(binPath: string | undefined): string {
  const target = realpathSync(binPath ?? new URL('../bin/pulumi-resource-chatapp-isv', import.meta.url));
  const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
  return [
    '#!/bin/sh',
    `# pulumi-resource-chatapp-isv ${pluginVersion()}: runs the plugin installed at ${target}`,
    `exec ${quote(process.execPath)} ${quote(target)} "$@"`,
    '',
  ].join('\n');
}
