"""``python -m nnlib.course``: the course's command line (see :mod:`nnlib.course.cli`)."""

import sys

from nnlib.course.cli import main

sys.exit(main())
