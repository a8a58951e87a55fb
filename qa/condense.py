"""Follow-up condensing: an LLM rewrites "and when did he die?" into a standalone question."""

from __future__ import annotations

import re

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.runnables import Runnable

from qa.markers import strip_markers
from qa.types import History

# Turns of history shown to the rewriter; older ones are dropped.
MAX_TURNS = 3
# A rewrite longer than this many times the question (plus slack) is taken as a ramble.
MAX_GROWTH = 4

CONDENSE_SYSTEM = """You rewrite a follow-up question so that it can be understood without the \
conversation. Replace pronouns and vague references with the names or things they refer to. \
Do not answer it. Reply with the rewritten question only, on one line."""

CONDENSE_HUMAN = """Conversation:
{conversation}

Follow-up question: {question}
Standalone question:"""

_PREFIX = re.compile(r"^\s*(?:standalone question|rewritten question|question)\s*:\s*", re.I)


def condense_prompt() -> ChatPromptTemplate:
    """The rewrite prompt; inputs: conversation, question."""
    return ChatPromptTemplate.from_messages(
        [("system", CONDENSE_SYSTEM), ("human", CONDENSE_HUMAN)]
    )


def condense_chain(chat_model: BaseChatModel) -> Runnable[dict[str, str], str]:
    """``prompt | chat_model | StrOutputParser()``.

    Args:
        chat_model: any LangChain chat model (see ``qa.llm.make_chat_model``).
    """
    return condense_prompt() | chat_model | StrOutputParser()


def format_conversation(history: History) -> str:
    """The last turns as ``User: ...`` / ``Assistant: ...`` lines, citation markers removed.

    Args:
        history: (question, answer) turns, oldest first.
    """
    lines: list[str] = []
    for q, a in list(history)[-MAX_TURNS:]:
        lines.append(f"User: {' '.join(q.split())}")
        answer = strip_markers(a)
        lines.append(f"Assistant: {answer}")
    return "\n".join(lines)


def clean_rewrite(rewrite: str, question: str) -> str:
    """The first non-empty line of the rewrite without labels or quotes; ``question`` if unusable.

    Args:
        rewrite: the model's reply.
        question: the original follow-up, the fallback.
    """
    text = re.sub(r"<think>.*?(</think>|$)", " ", rewrite, flags=re.S | re.I)
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    line = _PREFIX.sub("", line).strip().strip("\"'“”‘’`").strip()
    if len(line) < 3 or len(line) > MAX_GROWTH * len(question) + 80:
        return question
    return line


def condense_question(question: str, history: History, chat_model: BaseChatModel) -> str:
    """A standalone version of ``question``; unchanged (and no LLM call) when history is empty.

    Args:
        question: the user's follow-up.
        history: earlier (question, answer) turns, oldest first.
        chat_model: the LLM that rewrites.
    """
    if not history or not question.strip():
        return question
    reply = condense_chain(chat_model).invoke(
        {"conversation": format_conversation(history), "question": question.strip()}
    )
    return clean_rewrite(reply, question)
