#!/usr/bin/env python3
"""Installs Batch Render for Maya as the Maya module AzureBatch: ``python3 install.py`` (or ``mayapy``).

Options: ``--modules-dir``, ``--jar``, ``--wheels``, ``--with-runtime``, ``--uninstall``, ``--dry-run``,
``--force``; see ``python3 install.py --help`` and docs/installer.md.
"""
import os
import sys

if sys.version_info < (3, 7):
    sys.exit("error: install.py needs Python 3.7 or later (Maya 2022+'s mayapy is fine)")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from brinstall.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
