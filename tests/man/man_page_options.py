#!/usr/bin/env python3
"""Checks that the manual page mentions every option `sqlite2pg --help` lists, so that a new option cannot
be added without its description in doc/sqlite2pg.1.

    man_page_options.py BIN doc/sqlite2pg.1
"""

import re
import subprocess
import sys


def options(text):
    return set(re.findall(r"(?<![\w-])--?[a-zA-Z][a-zA-Z0-9-]*", text))


def main():
    binary, man_page = sys.argv[1], sys.argv[2]
    help_text = subprocess.run([binary, "--help"], capture_output=True, check=True, text=True).stdout
    # --help lists options as "  -o [ --output ] arg" or "  --strict": only the option lines count.
    listed = set()
    for line in help_text.splitlines():
        m = re.match(r"\s+(-[a-zA-Z] \[ --[\w-]+ \]|--[\w-]+)", line)
        if m:
            listed |= options(m.group(1))
    with open(man_page, encoding="utf-8") as f:
        # troff spells a minus as \-.
        man = f.read().replace("\\-", "-")
    missing = sorted(listed - options(man))
    if missing:
        print(f"{man_page} does not describe: {', '.join(missing)}")
        return 1
    if not listed:
        print("no option found in --help")
        return 1
    print(f"all {len(listed)} options of --help are in {man_page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
