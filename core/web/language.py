"""A URL per language: `/` English, `/ko/…` Korean, `/zh-hans/…` Simplified Chinese.

The public pages, feeds and calendars sit in `i18n_patterns` (English unprefixed). Their language
is the one their URL names, for everyone: a prefixed page never redirects and never varies by
`Accept-Language`, so a crawler, a shared link and a cache all see the same page.

Only a reader who arrives at an unprefixed *page* is sent on: when their language cookie (set by
the language switcher) or, without a cookie, their browser's `Accept-Language` prefers Korean or
Chinese, `GET /issues/x/` answers 302 to `/ko/issues/x/` (with `Vary: Accept-Language, Cookie`).
A crawler sends no `Accept-Language` (or English) and gets `/` itself; a reader who chose English
in the switcher has an `en` cookie and stays. Feeds and calendars at an unprefixed URL are never
redirected: a subscription's URL means one language.

Everything outside `i18n_patterns` (admin, API, health checks, sitemap) keeps choosing its
language by cookie and `Accept-Language`, as Django's `LocaleMiddleware` does.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import is_valid_path, reverse, translate_url
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme

# Any language but the default has a prefix; this one is used to ask "is this a public path?".
_PREFIXED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def is_public_path(path: str) -> bool:
    """Whether an unprefixed path is one of the per-language public URLs (pages, feeds)."""
    if not _PREFIXED:
        return False
    with translation.override(_PREFIXED[0]):
        return is_valid_path(f"/{_PREFIXED[0]}{path}")


def _is_page(path: str) -> bool:
    # Every HTML page ends in "/"; feeds and calendars end in .rss, .atom or .ics.
    return path.endswith("/")


class LanguageMiddleware:
    """Activate the language of the URL; redirect unprefixed page visits to the preferred one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        from_path = translation.get_language_from_path(path)
        unprefixed_public = not from_path and is_public_path(path)
        if from_path:
            language = from_path
        elif unprefixed_public:
            preferred = translation.get_language_from_request(request)
            if (
                preferred != settings.LANGUAGE_CODE
                and request.method in ("GET", "HEAD")
                and _is_page(path)
            ):
                return self._redirect(request, preferred)
            language = settings.LANGUAGE_CODE
        else:
            language = translation.get_language_from_request(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

        response = self.get_response(request)

        if not from_path:
            # The answer depended on the reader's cookie or browser language (for an unprefixed
            # page: whether they were redirected), so caches must keep them apart.
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response

    @staticmethod
    def _redirect(request: HttpRequest, language: str) -> HttpResponse:
        with translation.override(settings.LANGUAGE_CODE):
            url = translate_url(request.get_full_path(), language)
        response = HttpResponseRedirect(url)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        patch_cache_control(response, private=True, max_age=0)
        return response


def language_urls(request: HttpRequest) -> list[dict[str, str]]:
    """This page in every language: code, BCP 47 tag, local name, path and path with query.

    Resolves the current path in the active (the page's) language and reverses it in each other;
    a path that resolves to nothing (a 404) is offered as each language's home page.
    """
    current = translation.get_language()
    found = is_valid_path(request.path)
    links = []
    for code, _name in settings.LANGUAGES:
        if found:
            path = translate_url(request.path, code)
            full_path = translate_url(request.get_full_path(), code)
        else:
            with translation.override(code):
                path = full_path = reverse("public:home")
        links.append(
            {
                "code": code,
                "tag": hreflang_tag(code),
                "name_local": translation.get_language_info(code)["name_local"],
                "path": path,
                "full_path": full_path,
                "current": code == current,
                "default": code == settings.LANGUAGE_CODE,
            }
        )
    return links


def hreflang_tag(code: str) -> str:
    """Django's language code as a BCP 47 tag, as hreflang wants it: zh-hans -> zh-Hans."""
    language, _sep, rest = code.partition("-")
    if not rest:
        return language
    return f"{language}-{rest.title() if len(rest) == 4 else rest.upper()}"


def switch_target(request: HttpRequest) -> str:
    """The `next` URL of a language switch, if it is a local one; the home page otherwise."""
    target = request.GET.get("next", "")
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return "/"
    parts = urlsplit(target)
    return parts.path + (f"?{parts.query}" if parts.query else "")
