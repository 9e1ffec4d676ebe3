"""``python -m peerlog``: the same as the ``peerlog`` command."""

import sys

from .cli import main

sys.exit(main())
