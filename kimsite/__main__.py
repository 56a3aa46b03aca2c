import sys

from kimsite.cli import main

sys.exit(main())
