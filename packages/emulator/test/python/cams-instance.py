"""The newest cams SDK's *Instance methods (alibabacloud-cams20200606 5.3.1): create/update/query/list/delete_instance
and generate_presigned_url, called unchanged, sync or async, signed ACS3 (default) or HMAC-SHA1 ("v2"); and a plain
HTTP GET (requests) of a URL, for the presigned URLs the SDK hands back.

Job fields: endpoint, accounts ([{accessKeyId, accessKeySecret}]), calls.
Call fields: id, op (an SDK method name without _with_options, or 'http_get'), account (index, default 0), fields
(the request's snake_case fields), signature ('acs3' | 'v2'), mode ('sync' | 'async'), url (http_get only).
"""
import requests
from alibabacloud_cams20200606 import models as cams_models
from alibabacloud_cams20200606.client import Client
from alibabacloud_tea_openapi import models as open_api_models
from alibabacloud_tea_util import models as util_models

import harness

REQUESTS = {
    "create_instance": cams_models.CreateInstanceRequest,
    "update_instance": cams_models.UpdateInstanceRequest,
    "query_instance": cams_models.QueryInstanceRequest,
    "list_instance": cams_models.ListInstanceRequest,
    "delete_instance": cams_models.DeleteInstanceRequest,
    "generate_presigned_url": cams_models.GeneratePresignedUrlRequest,
}


def client_for(job, call):
    account = job["accounts"][call.get("account", 0)]
    config = open_api_models.Config(
        access_key_id=account["accessKeyId"],
        access_key_secret=account["accessKeySecret"],
        endpoint=job["endpoint"],
        protocol="http",
        region_id="ap-southeast-1",
    )
    if call.get("signature") == "v2":
        config.signature_algorithm = "v2"
    return Client(config)


def http_get(url):
    response = requests.get(url, timeout=10)
    return {"status": response.status_code, "size": len(response.content), "head": response.content[:5].decode("latin-1")}


def main():
    job = harness.read_job()

    def runner(call):
        if call["op"] == "http_get":
            return http_get(call["url"])
        client = client_for(job, call)
        request = REQUESTS[call["op"]](**call.get("fields", {}))
        runtime = util_models.RuntimeOptions(autoretry=False, max_attempts=0, read_timeout=10000, connect_timeout=5000)
        method = call["op"] + "_with_options"
        if call.get("mode") == "async":

            async def run_async():
                response = await getattr(client, method + "_async")(request, runtime)
                return response.body.to_map()

            return run_async()
        return getattr(client, method)(request, runtime).body.to_map()

    harness.run_all(job, runner)


main()
