"""The learned extractive answerer: features, the trained artefact and the answer step."""

from qa.learned.answerer import DECLINE_TEXT, learned_answer
from qa.learned.model import DEFAULT_PATH, LearnedModel, load_model

__all__ = ["DECLINE_TEXT", "DEFAULT_PATH", "LearnedModel", "learned_answer", "load_model"]
