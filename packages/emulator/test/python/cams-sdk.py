"""The cams SDK's own methods (alibabacloud-cams20200606), sync and async, signed ACS3 or HMAC-SHA1 ("v2").

Call fields: id, op ('authorize' | 'submit'), signature ('acs3' | 'v2'), mode ('sync' | 'async'), fields (the
request's snake_case fields), secret, accessKeyId and securityToken (STS credentials; override the job's), skew (seconds to sign in the past),
tamper ({"param": name, "value": new}, applied on the wire after signing).
"""
import contextlib

from alibabacloud_cams20200606 import models as cams_models
from alibabacloud_cams20200606.client import Client
from alibabacloud_tea_openapi import models as open_api_models
from alibabacloud_tea_util import models as util_models

import clock
import harness
import transport


def client_for(job, call):
    config = open_api_models.Config(
        access_key_id=call.get("accessKeyId", job["accessKeyId"]),
        access_key_secret=call.get("secret", job["accessKeySecret"]),
        security_token=call.get("securityToken"),
        endpoint=job["endpoint"],
        protocol="http",
        region_id="ap-southeast-1",
    )
    if call.get("signature") == "v2":
        config.signature_algorithm = "v2"
    return Client(config)


def main():
    job = harness.read_job()

    def runner(call):
        client = client_for(job, call)
        runtime = util_models.RuntimeOptions(autoretry=False, max_attempts=0, read_timeout=10000, connect_timeout=5000)
        if call["op"] == "authorize":
            request = cams_models.GetChatappUploadAuthorizationRequest(**call["fields"])
            method = "get_chatapp_upload_authorization_with_options"
        else:
            request = cams_models.SubmitIsvCustomerTermsRequest(**call["fields"])
            method = "submit_isv_customer_terms_with_options"
        if call.get("mode") == "async":
            method += "_async"
        transport.arm(call.get("tamper"))

        async def run_async():
            with clock.skewed(call["skew"]) if call.get("skew") else contextlib.nullcontext():
                response = await getattr(client, method)(request, runtime)
            return response.body.to_map()

        if call.get("mode") == "async":
            return run_async()
        with clock.skewed(call["skew"]) if call.get("skew") else contextlib.nullcontext():
            response = getattr(client, method)(request, runtime)
        return response.body.to_map()

    harness.run_all(job, runner)


main()
