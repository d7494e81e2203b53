"""NumPy recurrent networks with hand-written BPTT: RNN, GRU, LSTM, bidirectional and stacked.

Imported only when a proof or demo runs (it imports NumPy). PyTorch's parameter names and layout,
d2l's equations and names (``to_d2l``). See recurrent.py for the shared API and cache layout.
"""

from __future__ import annotations

from rnnquiz.models.birnn import CELLS, BiRNN, cell_class
from rnnquiz.models.gru import GRU
from rnnquiz.models.linear import Linear
from rnnquiz.models.lstm import LSTM
from rnnquiz.models.recurrent import Recurrent
from rnnquiz.models.rnn import RNN
from rnnquiz.models.shapes import make_model, output_shapes, param_count

__all__ = ["CELLS", "GRU", "LSTM", "RNN", "BiRNN", "Linear", "Recurrent", "cell_class", "make_model",
           "output_shapes", "param_count"]
