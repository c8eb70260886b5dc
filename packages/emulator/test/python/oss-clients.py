"""PutObject, GetObject and HeadObject through Alibaba's Python OSS clients: oss2 (signature V1 or V4) and
alibabacloud-oss-v2 (V4, its default, or V1), with the temporary credentials GetChatappUploadAuthorization issued.
Both clients check the upload's and the download's CRC-64 against `x-oss-hash-crc64ecma` when it is sent; the
outcome reports what each client read from the response, so the test can check the headers they rely on.

Job fields: endpoint ("http://127.0.0.1:PORT"), accessKeyId, accessKeySecret, securityToken, bucket.
Call fields: id, client ('oss2' | 'oss-v2' | 'oss-v2-async', the last on aiohttp), auth ('v1' | 'v4'), op ('put' | 'get' | 'head'), key, text (the
body for put), secret (overrides the job's), skew (seconds to sign in the past), tamperKey (the key sent on the
wire instead of the signed one).
"""
import contextlib

import alibabacloud_oss_v2 as oss
import oss2
import oss2.http

import clock
import harness

REGION = "cn-hangzhou"
_tamper = {"key": None}


def _swap_key(url, signed_key):
    """Swaps the object's file name in the URL (clients differ in how they escape the folder's slash)."""
    wire_key = _tamper["key"]
    _tamper["key"] = None
    if not wire_key:
        return url
    return url.replace(signed_key.rsplit("/", 1)[-1], wire_key.rsplit("/", 1)[-1])


def _wrap_transports():
    oss2_send = oss2.http.Session.do_request

    def oss2_do_request(self, req, timeout):
        req.url = _swap_key(req.url, _tamper.get("signed"))
        return oss2_send(self, req, timeout)

    oss2.http.Session.do_request = oss2_do_request
    from alibabacloud_oss_v2.transport import requests_client

    v2_send = requests_client.RequestsHttpClient.send

    def v2_do_send(self, request, **kwargs):
        request.url = _swap_key(request.url, _tamper.get("signed"))
        return v2_send(self, request, **kwargs)

    requests_client.RequestsHttpClient.send = v2_do_send
    from alibabacloud_oss_v2.aio.transport import aiohttp_client

    aio_send = aiohttp_client.AioHttpClient.send

    async def aio_do_send(self, request, **kwargs):
        request.url = _swap_key(request.url, _tamper.get("signed"))
        return await aio_send(self, request, **kwargs)

    aiohttp_client.AioHttpClient.send = aio_do_send


def _text(crc):
    """CRC-64 values as decimal strings: JSON readers in other languages would round a 64-bit number."""
    return None if crc is None else str(crc)


def oss2_call(job, call, secret):
    auth_version = oss2.AUTH_VERSION_4 if call["auth"] == "v4" else oss2.AUTH_VERSION_1
    auth = oss2.StsAuth(job["accessKeyId"], secret, job["securityToken"], auth_version=auth_version)
    bucket = oss2.Bucket(auth, job["endpoint"], job["bucket"], region=REGION, enable_crc=True)
    key = call["key"]
    if call["op"] == "put":
        data = call["text"].encode("utf-8")
        result = bucket.put_object(key, data)
        local = oss2.utils.Crc64(0)
        local.update(data)
        return {"requestId": result.request_id, "etag": result.etag, "serverCrc": _text(result.crc), "clientCrc": _text(local.crc),
                "contentMd5": result.headers.get("content-md5")}
    if call["op"] == "get":
        result = bucket.get_object(key)
        text = result.read().decode("utf-8")
        # oss2 raises InconsistentError from read() when the CRC it computed differs from the server's.
        return {"requestId": result.request_id, "etag": result.etag, "serverCrc": _text(result.server_crc),
                "clientCrc": _text(result.client_crc), "text": text, "contentMd5": result.headers.get("content-md5")}
    meta = bucket.head_object(key)
    return {"requestId": meta.request_id, "etag": meta.etag, "serverCrc": _text(meta.server_crc),
            "size": meta.content_length, "contentMd5": meta.headers.get("content-md5")}


def v2_call(job, call, secret):
    cfg = oss.config.load_default()
    cfg.credentials_provider = oss.credentials.StaticCredentialsProvider(
        job["accessKeyId"], secret, job["securityToken"])
    cfg.region = REGION
    cfg.endpoint = job["endpoint"]
    cfg.signature_version = call["auth"]
    cfg.retry_max_attempts = 1
    client = oss.Client(cfg)
    key = call["key"]
    if call["op"] == "put":
        result = client.put_object(oss.PutObjectRequest(bucket=job["bucket"], key=key, body=call["text"].encode("utf-8")))
        return {"requestId": result.request_id, "etag": result.etag, "serverCrc": _text(result.hash_crc64),
                "contentMd5": result.content_md5}
    if call["op"] == "get":
        result = client.get_object(oss.GetObjectRequest(bucket=job["bucket"], key=key))
        # The body is read through the client's CRC-checking reader: a mismatch raises here.
        text = result.body.read().decode("utf-8")
        return {"requestId": result.request_id, "etag": result.etag, "serverCrc": _text(result.hash_crc64), "text": text,
                "contentMd5": result.content_md5}
    result = client.head_object(oss.HeadObjectRequest(bucket=job["bucket"], key=key))
    return {"requestId": result.request_id, "etag": result.etag, "serverCrc": _text(result.hash_crc64),
            "size": result.content_length, "contentMd5": result.content_md5}


async def v2_async_call(job, call, secret):
    from alibabacloud_oss_v2.aio import AsyncClient

    cfg = oss.config.load_default()
    cfg.credentials_provider = oss.credentials.StaticCredentialsProvider(
        job["accessKeyId"], secret, job["securityToken"])
    cfg.region = REGION
    cfg.endpoint = job["endpoint"]
    cfg.signature_version = call["auth"]
    cfg.retry_max_attempts = 1
    client = AsyncClient(cfg)
    key = call["key"]
    try:
        if call["op"] == "put":
            data = call["text"].encode("utf-8")
            result = await client.put_object(oss.PutObjectRequest(bucket=job["bucket"], key=key, body=data))
            return {"requestId": result.request_id, "etag": result.etag, "serverCrc": _text(result.hash_crc64),
                    "contentMd5": result.content_md5}
        if call["op"] == "get":
            result = await client.get_object(oss.GetObjectRequest(bucket=job["bucket"], key=key))
            text = (await result.body.read()).decode("utf-8")
            return {"requestId": result.request_id, "etag": result.etag, "serverCrc": _text(result.hash_crc64),
                    "text": text, "contentMd5": result.content_md5}
        result = await client.head_object(oss.HeadObjectRequest(bucket=job["bucket"], key=key))
        return {"requestId": result.request_id, "etag": result.etag, "serverCrc": _text(result.hash_crc64),
                "size": result.content_length, "contentMd5": result.content_md5}
    finally:
        await client.close()


def main():
    job = harness.read_job()
    _wrap_transports()

    def runner(call):
        secret = call.get("secret", job["accessKeySecret"])
        if call.get("tamperKey"):
            _tamper["key"], _tamper["signed"] = call["tamperKey"], call["key"]
        if call["client"] == "oss-v2-async":

            async def run_async():
                with clock.skewed(call["skew"]) if call.get("skew") else contextlib.nullcontext():
                    return await v2_async_call(job, call, secret)

            return run_async()
        with clock.skewed(call["skew"]) if call.get("skew") else contextlib.nullcontext():
            if call["client"] == "oss2":
                return oss2_call(job, call, secret)
            return v2_call(job, call, secret)

    harness.run_all(job, runner)


main()
