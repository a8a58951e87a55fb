"""Calibration of the answers' stated confidence."""

from eval.metrics.calibration.scores import expected_calibration_error

__all__ = ["expected_calibration_error"]
