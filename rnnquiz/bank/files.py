"""Which files make a bank: kept apart from load.py so the cache key is computed without the schema."""

from __future__ import annotations

from pathlib import Path

BANK_SUFFIXES = (".yaml", ".yml", ".json")
SPECIAL_FILES = {"claims.yaml", "glossary.yaml"}


def bank_files(path: Path) -> list[Path]:
    """A bank file, or the bank files in a folder (sorted; claims.yaml and glossary.yaml excluded)."""
    if path.is_dir():
        return sorted(
            p for p in path.iterdir() if p.suffix in BANK_SUFFIXES and p.name not in SPECIAL_FILES and p.is_file()
        )
    return [path]
