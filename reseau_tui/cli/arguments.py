"""What the shell's commands share in reading their arguments."""

from __future__ import annotations

import argparse
import re

# WHEN offsets such as "-2d" start with a dash; argparse would take them for unknown
# options ("--when -2d": expected one argument). Let it take them as values, the way
# it takes negative numbers. (Its matcher is an attribute of each parser.)
_DASH_VALUE = re.compile(r"^-\d+$|^-\d*\.\d+$|^-\d{1,5}[dwjshDWJSH]$")


def accept_dash_offsets(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The parser, taking WHEN offsets such as "-2d" as values rather than options."""
    parser._negative_number_matcher = _DASH_VALUE
    return parser
