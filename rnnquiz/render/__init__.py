"""The only package that imports Rich: consoles, panels, tables, charts.

Bank text is untrusted: it is always printed with markup off (or escaped), so `h[t-1]` and `[bold]`
print as written.
"""


def claim_id(cid: str, lang: str) -> str:
    """A claim id as shown: the article's ids (R7, G1) as they are, "extra" (beyond the article) in `lang`."""
    from rnnquiz.i18n import t

    return t("claim.extra_id", lang) if cid == "extra" else cid
