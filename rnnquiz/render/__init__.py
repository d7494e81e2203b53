"""The only package that imports Rich: consoles, panels, tables, charts.

Bank text is untrusted: it is always printed with markup off (or escaped), so `h[t-1]` and `[bold]`
print as written.
"""
