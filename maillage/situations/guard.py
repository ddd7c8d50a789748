"""The identifier guard now lives in ``maillage.privacy.guard``; the meetings app still imports it
from here until it does so from there."""

from maillage.privacy.guard import LABELS, digest, find_identifiers, highlight

__all__ = ["LABELS", "digest", "find_identifiers", "highlight"]
