"""`python -m situation.briefing --out pack.pptx …`: see situation/briefing/pack.py."""
import sys

from situation.briefing.pack import main

sys.exit(main())
