import sys

from kimsite.cli.main import main

sys.exit(main())
