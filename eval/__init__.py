"""citeqa's eval harness: question sets (``eval.datasets``), one folder per metric
(``eval.metrics``), ``eval.harness.run_eval``, reports (``eval.reporting``) and pinned baselines
(``eval.baselines``). Importing this package loads nothing heavy."""
