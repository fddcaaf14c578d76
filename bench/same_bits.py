"""Compare two runs' results.csv and curves.csv, bit for bit, apart from the columns that record time and host.

Usage: python3 bench/same_bits.py BEFORE_DIR AFTER_DIR

The comparison lives in bench/analysis/same_bits.py (see its doc); this file keeps the command line short.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.analysis.same_bits import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
