"""Several worker processes on the default settings share one cache: an unpublished page, the
content version and the API throttles are the same in every worker. A per-process cache is refused
by `check --deploy` when DEBUG is off."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.checks import run_checks
from django.test import override_settings

ROOT = Path(settings.BASE_DIR)

CACHE_SNIPPET = """
import sys, django
django.setup()
from django.core.cache import cache
if sys.argv[1] == "set":
    cache.set(sys.argv[2], "seen", 60)
else:
    print(cache.get(sys.argv[2]))
    cache.delete(sys.argv[2])
"""


def _in_new_process(*args: str) -> str:
    """Run the snippet in a fresh process on the default settings (no CACHE_URL)."""
    env = {k: v for k, v in os.environ.items() if k != "CACHE_URL"}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    done = subprocess.run(
        [sys.executable, "-c", CACHE_SNIPPET, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_default_cache_is_shared_between_processes():
    key = f"shared-cache-test-{uuid.uuid4().hex}"
    _in_new_process("set", key)
    assert _in_new_process("get", key) == "seen"


LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def _cache_errors() -> list[str]:
    return [m.id for m in run_checks(include_deployment_checks=True) if m.id.startswith("ops.")]


@override_settings(DEBUG=False, CACHES=LOCMEM)
def test_deploy_check_refuses_per_process_cache_in_production():
    assert _cache_errors() == ["ops.E001"]


@override_settings(DEBUG=True, CACHES=LOCMEM)
def test_deploy_check_allows_locmem_while_debugging():
    assert _cache_errors() == []


@pytest.mark.parametrize(
    "backend",
    [
        "django.core.cache.backends.filebased.FileBasedCache",
        "django.core.cache.backends.db.DatabaseCache",
        "django.core.cache.backends.redis.RedisCache",
        "django_redis.cache.RedisCache",
    ],
)
def test_deploy_check_accepts_shared_caches(backend):
    with override_settings(DEBUG=False, CACHES={"default": {"BACKEND": backend, "LOCATION": "x"}}):
        assert _cache_errors() == []


def test_deploy_check_is_deploy_only():
    with override_settings(DEBUG=False, CACHES=LOCMEM):
        assert [m.id for m in run_checks() if m.id.startswith("ops.")] == []
