"""`blake2b` without `import hashlib`, which loads OpenSSL: about 3 ms of every start-up, before the first
question is on screen. CPython's hashlib takes blake2b from `_blake2` too, so the digests are the same."""

try:
    from _blake2 import blake2b
except ImportError:  # a Python without the builtin module
    from hashlib import blake2b

__all__ = ["blake2b"]
