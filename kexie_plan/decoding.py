"""Bytes that should be UTF-8: what they most likely are when they are not.

Plans, ledgers and documents from the office may have been saved by Excel, WPS or
Notepad as GB18030 (GBK), Big5 or UTF-16. kexie reads only UTF-8, and its messages say
what a file looks like instead, so that the fix ("save it as UTF-8") is obvious. Pure;
imports nothing of ours.
"""

from __future__ import annotations

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def looks_utf16(data: bytes) -> bool:
    """Return whether `data` looks like UTF-16: a byte order mark, or text whose every other
    byte is NUL (what ASCII and most Chinese punctuation look like in UTF-16)."""
    if data.startswith(_UTF16_BOMS):
        return True
    sample = data[:4096]
    if len(sample) < 8:
        return False
    zeros = sample.count(0, 0)
    odd_zeros = sum(1 for b in sample[1::2] if b == 0)
    even_zeros = sum(1 for b in sample[0::2] if b == 0)
    return zeros >= len(sample) // 4 and max(odd_zeros, even_zeros) >= 0.9 * zeros


def guess_encoding(data: bytes) -> str:
    """Return the likely name of a non-UTF-8 encoding (UTF-16, GB18030, BIG5), or
    "unknown", for the message that asks for UTF-8."""
    if looks_utf16(data):
        return "UTF-16"
    for name in ("gb18030", "big5"):
        try:
            data.decode(name)
        except UnicodeDecodeError:
            continue
        return name.upper()
    return "unknown"
