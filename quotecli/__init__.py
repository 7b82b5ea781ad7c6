"""quotecli: every quotation in an Indonesian news article, with its speaker.

>>> from quotecli import extract
>>> result = extract('"Kami siap," kata Menteri Keuangan Sri Mulyani.', fast=True)
>>> result.quotes[0].speaker
'Sri Mulyani'
"""
from __future__ import annotations

from .model import ArticleResult, Quote, Speaker

__version__ = "0.1.0"
__all__ = ["extract", "ArticleResult", "Quote", "Speaker", "__version__"]


def __getattr__(name: str):  # lazy: importing quotecli must not import the extraction stack or torch
    if name == "extract":
        from .api import extract

        return extract
    raise AttributeError(name)
