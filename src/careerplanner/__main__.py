"""``python -m careerplanner``."""

import sys

from careerplanner.cli import main

sys.exit(main())
