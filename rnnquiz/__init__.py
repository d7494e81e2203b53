"""rnnquiz: interview practice on RNN, BiRNN, BPTT, GRU and LSTM, with NumPy proofs."""

__version__ = "0.1.0"
