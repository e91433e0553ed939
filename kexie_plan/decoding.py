"""Bytes that should be UTF-8: what they most likely are when they are not.

Plans, ledgers and documents from the office may have been saved by Excel, WPS or
Notepad as GB18030 (GBK), Big5 or UTF-16. kexie reads only UTF-8, and its messages say
what a file looks like instead, so that the fix ("save it as UTF-8") is obvious. Pure;
imports nothing of ours.
"""

from __future__ import annotations

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def looks_utf16(data: bytes) -> bool:
    """Return whether `data` looks like UTF-16: a byte order mark, or text in which one byte
    of each pair is mostly NUL (ASCII and most punctuation in UTF-16) and which reads as
    words in that byte order. A few stray NULs in UTF-8 text are not UTF-16."""
    if data.startswith(_UTF16_BOMS):
        return True
    sample = data[: 4096 - 4096 % 2]
    sample = sample[: len(sample) - len(sample) % 2]
    pairs = len(sample) // 2
    if pairs < 8:
        return False
    odd_zeros = sample[1::2].count(0)
    even_zeros = sample[0::2].count(0)
    for order, zeros, other in (
        ("utf-16-le", odd_zeros, even_zeros),
        ("utf-16-be", even_zeros, odd_zeros),
    ):
        if zeros < 0.3 * pairs or other > 0.05 * zeros:
            continue
        text = sample.decode(order, errors="replace")
        if sum(1 for char in text if char.isalnum()) >= 4:
            return True
    return False


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
