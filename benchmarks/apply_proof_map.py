"""Write the ``proof:`` line of every question in benchmarks/proof_map.json into the banks, idempotently.

    python benchmarks/apply_proof_map.py            # rewrite content/*.yaml in place
    python benchmarks/apply_proof_map.py --check    # exit 1 if a bank differs from the map (changes nothing)

For each question ``- id: X`` named in the map, any ``proof:`` line of that question is removed and
``proof: ID`` is put right after its ``claims:`` line. Nothing else in a bank is touched (line-based, so
comments and formatting stay). A question the map names but no bank holds is reported, not an error:
the banks may have been rewritten since.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ID = re.compile(r"^(\s*)- id:\s*([A-Za-z0-9_.-]+)\s*$")


def apply(text: str, mapping: dict[str, str]) -> tuple[str, set[str]]:
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    seen: set[str] = set()
    i = 0
    while i < len(lines):
        m = ID.match(lines[i])
        if not m or m.group(2) not in mapping:
            out.append(lines[i])
            i += 1
            continue
        indent, qid = m.group(1), m.group(2)
        key = indent + "  "
        j = i + 1
        while j < len(lines) and not ID.match(lines[j]) and (
                not lines[j].strip() or lines[j].startswith(key) or lines[j].lstrip().startswith("#")
                and len(lines[j]) - len(lines[j].lstrip()) > len(indent)):
            j += 1
        block = [ln for ln in lines[i:j] if not re.match(rf"^{key}proof:\s", ln)]
        proof_line = f"{key}proof: {mapping[qid]}\n"
        for k, ln in enumerate(block):
            if re.match(rf"^{key}claims:\s", ln):
                block.insert(k + 1, proof_line)
                break
        else:  # no claims line: after the id line
            block.insert(1, proof_line)
        out += block
        seen.add(qid)
        i = j
    return "".join(out), seen


def main() -> int:
    check = "--check" in sys.argv[1:]
    mapping = json.loads((ROOT / "benchmarks" / "proof_map.json").read_text(encoding="utf-8"))
    seen: set[str] = set()
    changed = []
    for path in sorted((ROOT / "content").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        new, s = apply(text, mapping)
        seen |= s
        if new != text:
            changed.append(path.name)
            if not check:
                path.write_text(new, encoding="utf-8")
    missing = sorted(set(mapping) - seen)
    verb = "differ" if check else "rewritten"
    print(f"{len(seen)} questions mapped; {len(changed)} bank(s) {verb}: {', '.join(changed) or '-'}")
    if missing:
        print(f"{len(missing)} mapped question(s) not in any bank: {', '.join(missing)}")
    return 1 if check and changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
