"""A skewed clock for the clients' signing code, so a driver can send a correctly signed request with a stale
timestamp without touching how the client signs. Inside `skewed(seconds)`, every loaded Alibaba client module
(Tea, darabonba, alibabacloud_*, oss2) sees `time`, `datetime` and `formatdate` running `seconds` behind.
"""
import contextlib
import datetime as _datetime
import email.utils as _email_utils
import sys
import time as _time
import types

_CLIENT_PREFIXES = ("Tea", "darabonba", "alibabacloud_", "oss2")


def _shifted_time_module(shift):
    shim = types.ModuleType("time")
    shim.__dict__.update(_time.__dict__)
    shim.time = lambda: _time.time() - shift
    shim.gmtime = lambda secs=None: _time.gmtime(_time.time() - shift if secs is None else secs)
    shim.localtime = lambda secs=None: _time.localtime(_time.time() - shift if secs is None else secs)
    return shim


def _shifted_datetime_class(shift):
    delta = _datetime.timedelta(seconds=shift)

    class ShiftedDatetime(_datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return _datetime.datetime.now(tz) - delta

        @classmethod
        def utcnow(cls):
            return _datetime.datetime.now(_datetime.timezone.utc).replace(tzinfo=None) - delta

        @classmethod
        def today(cls):
            return _datetime.datetime.today() - delta

    return ShiftedDatetime


@contextlib.contextmanager
def skewed(seconds):
    time_shim = _shifted_time_module(seconds)
    datetime_class = _shifted_datetime_class(seconds)
    datetime_shim = types.ModuleType("datetime")
    datetime_shim.__dict__.update(_datetime.__dict__)
    datetime_shim.datetime = datetime_class

    def formatdate(timeval=None, localtime=False, usegmt=False):
        return _email_utils.formatdate(_time.time() - seconds if timeval is None else timeval, localtime, usegmt)

    replacements = {
        id(_time): time_shim,
        id(_datetime): datetime_shim,
        id(_datetime.datetime): datetime_class,
        id(_email_utils.formatdate): formatdate,
    }
    undo = []
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith(_CLIENT_PREFIXES):
            continue
        for attr, value in list(vars(module).items()):
            replacement = replacements.get(id(value))
            if replacement is not None:
                setattr(module, attr, replacement)
                undo.append((module, attr, value))
    try:
        yield
    finally:
        for module, attr, value in undo:
            setattr(module, attr, value)
