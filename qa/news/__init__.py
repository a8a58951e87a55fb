"""News-aware answers: dates, who said it, several articles on one story, timelines."""

from qa.news.daterange import DateRange, date_range, range_in_question
from qa.news.relative import format_day, resolve_relative

__all__ = ["DateRange", "date_range", "format_day", "range_in_question", "resolve_relative"]
