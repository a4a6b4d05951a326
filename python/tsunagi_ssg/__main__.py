"""`python -m tsunagi_ssg build …` runs `tsunagi build …`."""

import os
import subprocess
import sys

from tsunagi_ssg import find_tsunagi


def main():
    path = find_tsunagi()
    args = [path, *sys.argv[1:]]
    if os.name == "nt":
        # Windows has no exec that keeps the console: wait for the program and pass its exit code.
        sys.exit(subprocess.call(args))
    os.execv(path, args)


if __name__ == "__main__":
    main()
