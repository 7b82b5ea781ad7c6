"""Hyper-parameters of the shipped models (``full``) and of the CI smoke run (``quick``).

Sizes are reduced from Stanza's defaults so the full run fits in 60 minutes on a
2-core CPU and the bundle stays under 60 MB. Keys are the trainers' own flags.
"""

from __future__ import annotations

MODEL_FILES = {
    "pretrain": "id_quotecli_pretrain.pt",
    "tokenize": "id_quotecli_tokenizer.pt",
    "mwt": "id_quotecli_mwt_expander.pt",
    "pos": "id_quotecli_nocharlm_tagger.pt",
    "lemma": "id_quotecli_nocharlm_lemmatizer.pt",
    "depparse": "id_quotecli_nocharlm_parser.pt",
    "ner": "id_quotecli_nocharlm_nertagger.pt",
    "ner_pretrain": "id_quotecli_ner_pretrain.pt",
}

VECTORS = {
    "full": {"dim": 100, "epochs": 30, "min_count": 2},
    "quick": {"dim": 20, "epochs": 1, "min_count": 3},
}

# NER's own vectors: fastText (subword-informed) with every word of the corpus kept, names that occur
# once included; on NERGrit valid, F1 78.8 against 76.7 for the word2vec table above (same recipe, seed)
NER_VECTORS = {
    "full": {"dim": 100, "epochs": 30, "min_count": 1, "subword": True},
    "quick": {"dim": 20, "epochs": 1, "min_count": 3, "subword": True},
}

CONFIGS: dict[str, dict[str, dict]] = {
    "full": {
        "tokenize": {"steps": 600, "eval_steps": 200, "max_steps_before_stop": 600},
        "mwt": {"num_epoch": 10},
        "pos": {"max_steps": 1000, "eval_interval": 100, "max_steps_before_stop": 500, "batch_size": 50,
                "hidden_dim": 150, "char_hidden_dim": 150, "deep_biaff_hidden_dim": 200,
                "composite_deep_biaff_hidden_dim": 100, "word_emb_dim": 75},
        "lemma": {"num_epoch": 5, "hidden_dim": 100},
        # Adam from the first step (Stanza's default Adadelta needs many more steps than fit here) and a
        # smaller biaffine layer (1.8x faster per step): more steps in the same time. No UFeats input: the
        # tagger's UFeats are ~91% right at run time but near-gold on its own training data
        "depparse": {"max_steps": 1500, "eval_interval": 100, "max_steps_before_stop": 800,
                     "batch_size": 2000, "num_layers": 2, "hidden_dim": 150, "char_hidden_dim": 150,
                     "deep_biaff_hidden_dim": 100, "word_emb_dim": 75,
                     "optim": "adam", "lr": 0.002, "beta2": 0.9, "no_ufeats": True},
        # Adam instead of Stanza's default SGD (lr 0.1, tuned for runs of up to 200,000 steps): in
        # 3,000 steps it reached NERGrit valid F1 77.2 where SGD reached 73.9
        "ner": {"max_steps": 3000, "eval_interval": 250, "max_steps_no_improve": 2000,
                "hidden_dim": 200, "char_hidden_dim": 100, "optim": "adam", "lr": 0.002},
        # second stage, NERGrit only, from the best first-stage model (Stanza's --finetune keeps that
        # model's optimiser settings)
        "ner_finetune": {"max_steps": 2400, "eval_interval": 150, "max_steps_no_improve": 1500},
    },
    "quick": {
        "tokenize": {"steps": 30, "eval_steps": 15, "max_seqlen": 200},
        "mwt": {"num_epoch": 1},
        "pos": {"max_steps": 20, "eval_interval": 10, "batch_size": 20, "hidden_dim": 32,
                "char_hidden_dim": 32, "deep_biaff_hidden_dim": 32, "composite_deep_biaff_hidden_dim": 16,
                "word_emb_dim": 16, "char_emb_dim": 16, "tag_emb_dim": 8, "transformed_dim": 16},
        "lemma": {"num_epoch": 1, "hidden_dim": 32, "emb_dim": 16, "pos_dim": 16},
        "depparse": {"max_steps": 20, "eval_interval": 10, "batch_size": 500, "num_layers": 1,
                     "hidden_dim": 32, "char_hidden_dim": 32, "deep_biaff_hidden_dim": 32,
                     "deep_biaff_output_dim": 16, "word_emb_dim": 16, "char_emb_dim": 16, "tag_emb_dim": 8,
                     "transformed_dim": 16, "optim": "adam", "lr": 0.002, "beta2": 0.9, "no_ufeats": True},
        "ner": {"max_steps": 20, "eval_interval": 10, "hidden_dim": 32, "char_hidden_dim": 16,
                "char_emb_dim": 16, "word_emb_dim": 16, "optim": "adam", "lr": 0.002},
        "ner_finetune": {"max_steps": 10, "eval_interval": 5},
    },
}
