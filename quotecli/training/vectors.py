"""Word vectors for the tagger, parser and NER model.

Choice (documented in docs/models.md): the official Stanza ``conll17`` Indonesian vectors
cannot be downloaded here, so we train gensim word2vec (skip-gram, negative sampling) on
the lower-cased text of the training material only (treebank training pool + NERGrit
train/valid + all of NERP; no text of a reporting set), and save them through Stanza's own
``stanza.models.common.pretrain.Pretrain`` so the .pt file is exactly what Stanza
loads. Stanza looks words up lower-cased, so the corpus is lower-cased too.
fastText-style subword vectors would not help at run time: a Stanza pretrain is a
plain word -> vector table (no n-grams), and the models' character encoders already
cover unseen words.
"""

from __future__ import annotations

import logging
from pathlib import Path

logger = logging.getLogger(__name__)


def train_vectors(corpus: Path, out_pt: Path, work: Path, dim: int = 100, epochs: int = 30,
                  min_count: int = 2, window: int = 5, workers: int = 1, seed: int = 1234,
                  subword: bool = False) -> int:
    """Train word2vec on ``corpus`` (one sentence a line) and write a Stanza pretrain to ``out_pt``.

    Returns the vocabulary size. With one worker (the default) gensim is deterministic for a
    given seed, whatever the Python hash seed, so two runs give the same vectors; with more
    workers the order in which threads update the vectors varies and so do the downstream
    scores (NER by several F1 points between otherwise identical runs).

    ``subword=True`` trains fastText instead (character 3- to 5-grams): a word seen once still gets
    a vector shaped by its spelling. The saved table is the same plain word -> vector file.
    """
    from gensim.models import FastText, Word2Vec
    from stanza.models.common.pretrain import Pretrain

    sentences = [line.lower().split() for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    kind = FastText if subword else Word2Vec
    extra = {"min_n": 3, "max_n": 5, "bucket": 200_000} if subword else {}
    model = kind(sentences=sentences, vector_size=dim, window=window, min_count=min_count, sg=1,
                 negative=10, epochs=epochs, workers=workers, seed=seed, **extra)
    vec_txt = work / ("vectors_subword.txt" if subword else "vectors.txt")
    model.wv.save_word2vec_format(str(vec_txt), binary=False)
    out_pt.parent.mkdir(parents=True, exist_ok=True)
    if out_pt.exists():
        out_pt.unlink()
    pt = Pretrain(str(out_pt), str(vec_txt))
    pt.load()  # reads the text vectors and saves the .pt
    logger.info("word vectors: %d words, %d dims -> %s", len(pt.vocab), dim, out_pt)
    return len(pt.vocab)
