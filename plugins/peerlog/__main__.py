"""``python -m peerlog``: the same as the ``peerlog`` command."""

import sys

from peerlog.cli import main

sys.exit(main())
