"""Tampering on the wire for the openapi drivers: after the client has signed its request and hands it to the
transport (Tea's TeaCore or darabonba's DaraCore, whichever generation is installed), change one parameter in the
query or the form body. The client's own signing code stays untouched; only the bytes sent differ from the bytes
signed, which is what a tampering proxy would do.
"""
from urllib.parse import parse_qsl, urlencode

_armed = {"tamper": None}


def arm(tamper):
    """Sets the tampering for the next request (None for none)."""
    _armed["tamper"] = tamper


def _apply(request):
    tamper = _armed["tamper"]
    _armed["tamper"] = None
    if not tamper:
        return
    name, value = tamper["param"], tamper["value"]
    if request.query is not None and name in request.query:
        request.query[name] = value
        return
    body = request.body
    if isinstance(body, bytes):
        body = body.decode("utf-8")
    if isinstance(body, str):
        pairs = [(k, value if k == name else v) for k, v in parse_qsl(body, keep_blank_values=True)]
        request.body = urlencode(pairs)
        return
    raise ValueError("tamper: parameter %s is neither in the query nor in the form body" % name)


def _wrap(core_class):
    sync_original = core_class.do_action
    async_original = core_class.async_do_action

    def do_action(request, runtime_option=None):
        _apply(request)
        return sync_original(request, runtime_option)

    async def async_do_action(request, runtime_option=None):
        _apply(request)
        return await async_original(request, runtime_option)

    core_class.do_action = staticmethod(do_action)
    core_class.async_do_action = staticmethod(async_do_action)


try:
    from Tea.core import TeaCore

    _wrap(TeaCore)
except ImportError:
    pass
try:
    from darabonba.core import DaraCore

    _wrap(DaraCore)
except ImportError:
    pass
