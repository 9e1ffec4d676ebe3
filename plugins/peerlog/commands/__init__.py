"""One module per ``peerlog`` subcommand."""
