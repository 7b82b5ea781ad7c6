"""Bar charts for ``quotecli speakers --plot`` (matplotlib, headless; the ``plot`` extra)."""
from __future__ import annotations

from pathlib import Path
from typing import Any


def bar_chart(rows: list[dict[str, Any]], path: Path) -> None:
    """Horizontal bars of the speakers' quotes, direct / indirect / mixed stacked, most quoted on top."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = list(reversed(rows))
    labels = [r["name"] if len(r["name"]) <= 32 else r["name"][:31] + "…" for r in rows]
    fig, ax = plt.subplots(figsize=(8, 0.9 + 0.38 * max(len(rows), 1)), dpi=110)
    left = [0] * len(rows)
    for part, color in (("direct", "#2b6cb0"), ("indirect", "#90cdf4"), ("mixed", "#f6ad55")):
        values = [r[part] for r in rows]
        ax.barh(labels, values, left=left, color=color, label=part)
        left = [a + b for a, b in zip(left, values, strict=True)]
    for y, (r, x) in enumerate(zip(rows, left, strict=True)):
        ax.text(x, y, f" {r['quotes']} ({r['articles']} art.)", va="center", fontsize=8)
    ax.set_xlabel("quotes")
    ax.set_title("Who is quoted: top speakers")
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlim(0, max(left, default=1) * 1.25 + 1)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
