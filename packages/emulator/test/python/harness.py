"""Shared plumbing for the Python client drivers.

A driver reads one JSON job from stdin ({"endpoint": "127.0.0.1:PORT", ..., "calls": [...]}), runs every call
with a real Alibaba client, and prints one JSON line to stdout: a list of outcomes, one per call, in order. One
process serves a whole scenario group, so the interpreter and the SDK are loaded once, not once per value.
An outcome is {"id": ..., "ok": true, "body": {...}} or {"id": ..., "ok": false, "code": ..., "status": ...}.
"""
import asyncio
import inspect
import json
import sys
import traceback


def read_job():
    return json.load(sys.stdin)


def failure(call_id, error):
    """Turns a client exception into an outcome: the service's code and HTTP status as the client saw them."""
    # alibabacloud-oss-v2 wraps the service's error in an OperationError.
    while hasattr(error, "unwrap") and getattr(error, "code", None) is None and error.unwrap() is not None:
        error = error.unwrap()
    code = getattr(error, "code", None)
    data = getattr(error, "data", None)
    status = getattr(error, "status_code", None) or getattr(error, "status", None)
    if status is None and isinstance(data, dict):
        status = data.get("statusCode")
    if code is None:
        # Not a service refusal: report the exception itself so the test shows what broke.
        return {"id": call_id, "ok": False, "code": None, "error": "".join(traceback.format_exception_only(error)).strip()}
    return {"id": call_id, "ok": False, "code": str(code), "status": status, "message": str(getattr(error, "message", ""))}


def run_all(job, runner):
    """Runs runner(call) for each call (a coroutine function for async calls) and prints the outcomes."""
    outcomes = []
    loop = asyncio.new_event_loop()
    try:
        for call in job["calls"]:
            try:
                result = runner(call)
                if inspect.isawaitable(result):
                    result = loop.run_until_complete(result)
                outcomes.append({"id": call["id"], "ok": True, "body": result})
            except Exception as error:  # every failure is reported, none ends the group
                outcomes.append(failure(call["id"], error))
    finally:
        loop.close()
    sys.stdout.write(json.dumps(outcomes, ensure_ascii=False, default=str) + "\n")
