"""The examples in the docstrings run (the ones that need a user's files are marked SKIP)."""

import doctest

import entente
from entente import _native


def test_every_docstring_example_runs():
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    objects = {
        "entente": entente,
        "entente.events": entente.events,
        "entente.forecast": entente.forecast,
        "entente.panel": entente.panel,
        "entente.derive_seed": _native.derive_seed,
        "entente.Scenario": _native.Scenario,
        "entente.Scenario.cascade": _native.Scenario.cascade,
        "entente.events.aggregate": _native.aggregate,
    }
    for name, obj in objects.items():
        assert obj.__doc__, f"{name} has no docstring"
        test = parser.get_doctest(obj.__doc__, {"entente": entente}, name, None, 0)
        runner.run(test)
    assert runner.failures == 0
    assert runner.tries >= 8
