"""``python -m bench``: every benchmark in one run (bench/run_all.py)."""

import sys

from bench.run_all import main

sys.exit(main())
