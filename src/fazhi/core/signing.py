"""Keyed signatures (HMAC-SHA256) with the record key, which is kept outside the database.

A hash chain shows a change only to someone who cannot recompute it; anyone who can write the database can.
A signature made with a key the database does not hold can only be made by whoever holds the key. The key
is `settings.FAZHI_RECORD_KEY`: the environment variable FAZHI_RECORD_KEY, the file FAZHI_RECORD_KEY_FILE
names (put it on other storage than the database), or a random key generated once into FAZHI_DATA_DIR.
It is separate from SECRET_KEY so that one can be kept, rotated or lost without the other.

Every signature names its purpose, so that what was signed for one kind of record never passes for another:
    HMAC-SHA256(key, "<purpose>\\n<part 1>\\n<part 2>…") as 64 hexadecimal digits.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _key() -> bytes:
    key = getattr(settings, "FAZHI_RECORD_KEY", "")
    if not key:
        raise ImproperlyConfigured("未配置记录密钥：请设置 FAZHI_RECORD_KEY 或 FAZHI_RECORD_KEY_FILE")
    return key.encode("utf-8")


def sign(purpose: str, *parts) -> str:
    message = "\n".join([purpose, *(str(part) for part in parts)]).encode("utf-8")
    return hmac.new(_key(), message, hashlib.sha256).hexdigest()


def is_signed(signature: str, purpose: str, *parts) -> bool:
    """Whether `signature` is the key's signature of these parts; an empty one never is."""
    return bool(signature) and hmac.compare_digest(signature, sign(purpose, *parts))


def key_fingerprint() -> str:
    """Names the key in use without giving it away, so a replaced key can be told from changed records."""
    return hashlib.sha256(b"fazhi-key-fingerprint\n" + _key()).hexdigest()[:16]
