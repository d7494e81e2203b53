"""'Prove it': experiments that measure each answer on small NumPy models.

The registry (`registry.py`) imports no NumPy; experiments are imported only when run.
"""
