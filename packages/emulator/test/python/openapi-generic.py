"""Generic RPC calls through alibabacloud-tea-openapi's call_api / call_api_async, signed ACS3-HMAC-SHA256 or
HMAC-SHA1 ("v2"), parameters in the query string or the form body. A call may ask for a wrong secret, extra
headers or query (a stale timestamp), or a tampered value: the value is changed on the wire after the client
signed it, by wrapping the transport the client hands its finished request to.

Call fields: id, signature ('acs3' | 'v2'), mode ('sync' | 'async'), action, method, query, body, headers,
secret (overrides the job's), skew (seconds to sign in the past), tamper ({"param": name, "value": new}).
"""
import contextlib

from alibabacloud_tea_openapi import models as open_api_models
from alibabacloud_tea_openapi.client import Client
from alibabacloud_tea_util import models as util_models

import clock
import harness
import transport


def client_for(job, call):
    config = open_api_models.Config(
        access_key_id=job["accessKeyId"],
        access_key_secret=call.get("secret", job["accessKeySecret"]),
        endpoint=job["endpoint"],
        protocol="http",
        region_id="ap-southeast-1",
    )
    if call.get("signature") == "v2":
        config.signature_algorithm = "v2"
    return Client(config)


def request_parts(call):
    params = open_api_models.Params(
        action=call["action"],
        version="2020-06-06",
        protocol="HTTP",
        pathname="/",
        method=call.get("method", "POST"),
        auth_type="AK",
        style="RPC",
        req_body_type="formData",
        body_type="json",
    )
    request = open_api_models.OpenApiRequest(
        query=call.get("query") or None,
        body=call.get("body") or None,
        headers=call.get("headers") or None,
    )
    runtime = util_models.RuntimeOptions(autoretry=False, max_attempts=0, read_timeout=10000, connect_timeout=5000)
    return params, request, runtime


def main():
    job = harness.read_job()

    def runner(call):
        client = client_for(job, call)
        params, request, runtime = request_parts(call)
        transport.arm(call.get("tamper"))

        async def run_async():
            with clock.skewed(call["skew"]) if call.get("skew") else contextlib.nullcontext():
                return await client.call_api_async(params, request, runtime)

        if call.get("mode") == "async":
            return run_async()
        with clock.skewed(call["skew"]) if call.get("skew") else contextlib.nullcontext():
            return client.call_api(params, request, runtime)

    harness.run_all(job, runner)


main()
