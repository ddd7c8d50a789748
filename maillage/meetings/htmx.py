from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    """Whether htmx sent this request (set by django-htmx's middleware)."""
    return bool(getattr(request, "htmx", False))
