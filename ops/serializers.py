"""JSON Lines for `backup_data`/`restore_data` that keeps times to the microsecond.

Django's JSON encoder cuts times to milliseconds (ECMA-262's format), so a backup loaded back
would lose the microseconds every `auto_now` column and history row holds. Registered as the
`jsonl` format in SERIALIZATION_MODULES; reading is Django's own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.serializers import jsonl
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.jsonl import Deserializer

__all__ = ["Deserializer", "ExactJSONEncoder", "Serializer"]


class ExactJSONEncoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


class Serializer(jsonl.Serializer):
    def _init_options(self) -> None:
        super()._init_options()
        self.json_kwargs["cls"] = ExactJSONEncoder
