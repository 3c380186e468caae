"""The examples in the docstrings (what help(timescales) shows) are true."""

from __future__ import annotations

import doctest

import numpy as np
import pandas as pd
import pytest

import timescales
from timescales import _api, _dates, _evaluation, _sample, plot


@pytest.mark.parametrize("module", [timescales, _api, _dates, _evaluation, _sample, plot], ids=lambda m: m.__name__)
def test_docstring_examples(module: object) -> None:
    globs = {"pd": pd, "np": np, "timescales": timescales}
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    tests = [t for t in finder.find(module, module.__name__, globs=globs) if t.examples]
    assert tests
    for test in tests:
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0
