"""Faithfulness (MODEL-JUDGED, optional): share of an answer's claims its cited passages support.

Unlike the other metrics this one asks a chat model, so its numbers are the judge's opinion and are
labelled as such wherever they are reported.
"""

from eval.metrics.faithfulness.judge import (
    ClaimVerdict,
    FaithfulnessResult,
    faithfulness,
    mean_faithfulness,
)

__all__ = ["ClaimVerdict", "FaithfulnessResult", "faithfulness", "mean_faithfulness"]
