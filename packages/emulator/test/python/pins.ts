// The Python clients the fidelity suites install, pinned exactly (transitive packages that decide the wire format
// pinned too), so a new release upstream never changes what a test run proves. One list per venv: tests that share
// a list share the venv under `.tools/venvs/`.

/** Alibaba's Tea-generation OpenAPI core (requests for sync calls, aiohttp for async) and the cams SDK on it. */
export const TEA_OPENAPI_PINS = [
  'alibabacloud-cams20200606==3.1.1',
  'alibabacloud-tea-openapi==0.3.16',
  'alibabacloud-tea==0.4.3',
  'alibabacloud-tea-util==0.3.15',
  'alibabacloud-openapi-util==0.2.4',
  'alibabacloud-credentials==1.0.12',
  'aiohttp==3.14.5',
  'requests==2.34.2',
] as const;

/** The same cams SDK on the current, darabonba-based generation of the OpenAPI core. */
export const DARA_OPENAPI_PINS = [
  'alibabacloud-cams20200606==3.1.1',
  'alibabacloud-tea-openapi==0.4.6',
  'darabonba-core==1.0.9',
  'alibabacloud-tea==0.4.3',
  'alibabacloud-tea-util==0.3.15',
  'alibabacloud-openapi-util==0.2.4',
  'alibabacloud-credentials==1.0.12',
  'aiohttp==3.14.5',
  'requests==2.34.2',
] as const;

/** Alibaba's Python OSS clients: oss2 (V1 and V4 signatures) and alibabacloud-oss-v2 (sync, and async on aiohttp). */
export const OSS_CLIENT_PINS = [
  'oss2==2.19.1',
  'alibabacloud-oss-v2==1.4.1',
  'crcmod==1.7',
  'requests==2.34.2',
  'aiohttp==3.14.5',
] as const;

/** The newest cams SDK (it has the *Instance family and GeneratePresignedUrl, not SubmitIsvCustomerTerms). */
export const CAMS_INSTANCE_PINS = [
  'alibabacloud-cams20200606==5.3.1',
  'alibabacloud-tea-openapi==0.4.6',
  'darabonba-core==1.0.9',
  'alibabacloud-tea==0.4.3',
  'alibabacloud-tea-util==0.3.15',
  'alibabacloud-gateway-spi==0.0.4',
  'alibabacloud-credentials==1.0.12',
  'aiohttp==3.14.5',
  'requests==2.34.2',
] as const;
