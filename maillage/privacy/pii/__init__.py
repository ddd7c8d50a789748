"""Detection of personal identifiers (names, numbers, addresses) in free-text narratives."""

from .detector import detect, detect_many, preload
from .spans import LABELS, Span

__all__ = ["LABELS", "Span", "detect", "detect_many", "preload"]
