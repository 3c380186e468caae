"""``python -m timescales ARGS``: the same as the ``timescales`` command."""

import sys

from ._cli import main

sys.exit(main())
