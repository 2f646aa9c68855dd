"""`make serve`: gunicorn with a worker count from the environment and WhiteNoise for static files."""

from __future__ import annotations

import subprocess

import pytest
from django.conf import settings

from config.gunicorn import MAX_DEFAULT_WORKERS, worker_count


@pytest.mark.parametrize(
    ("environ", "cpus", "expected"),
    [
        ({}, 1, 3),
        ({}, 2, 5),
        ({}, 64, MAX_DEFAULT_WORKERS),
        ({}, None, 3),
        ({"WEB_CONCURRENCY": "7"}, 2, 7),
        ({"WEB_CONCURRENCY": "32"}, 2, 32),  # an explicit count is obeyed, not capped
    ],
)
def test_worker_count(environ, cpus, expected):
    assert worker_count(environ, cpus) == expected


@pytest.mark.parametrize("value", ["0", "-2", "many"])
def test_bad_worker_count_is_a_clear_error(value):
    with pytest.raises(ValueError, match="WEB_CONCURRENCY"):
        worker_count({"WEB_CONCURRENCY": value}, 2)


def test_make_serve_runs_gunicorn_with_the_config():
    commands = subprocess.run(
        ["make", "-n", "serve"], cwd=settings.BASE_DIR, capture_output=True, text=True, check=True
    ).stdout
    assert "collectstatic" in commands
    assert "migrate" in commands
    assert "gunicorn -c config/gunicorn.py config.wsgi" in commands


def test_static_files_are_served_by_whitenoise():
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in settings.MIDDLEWARE
