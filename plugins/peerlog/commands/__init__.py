"""One module per ``peerlog`` subcommand: an adapter, like ``plugin.py``, that may import any
layer."""
