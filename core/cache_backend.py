"""The embedded cache: Django's file cache with an `add` that is atomic across processes.

Django's `FileBasedCache.add` checks for the key and then writes it, so two workers missing the
same key at once may both "add" it. The page cache's dogpile lock and the rate limits rely on
`add` letting exactly one through, as it does on Redis and Memcached. Here the value is written to
a temporary file and hard-linked to the key's name: `link` fails if the name exists, and the file is
complete whenever it is visible (a reader never sees half a value and deletes it as expired).
"""

from __future__ import annotations

import os
import tempfile
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache


class AtomicFileBasedCache(FileBasedCache):
    def add(
        self,
        key: str,
        value: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> bool:
        self._createdir()  # the directory can be deleted at any time
        fname = self._key_to_file(key, version)
        # An expired entry is deleted here (has_key does it), so it doesn't block the link.
        if self.has_key(key, version):
            return False
        self._cull()
        fd, tmp_path = tempfile.mkstemp(dir=self._dir)
        try:
            with open(fd, "wb") as f:
                self._write_content(f, timeout, value)
            try:
                os.link(tmp_path, fname)
            except FileExistsError:
                return False
            return True
        finally:
            os.remove(tmp_path)
