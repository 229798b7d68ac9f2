"""Log view ingest: the project's LogView against xterm.js, 200,000 build-log lines each.

The browser side is bench/logview/run.ts; this module runs it and summarises what it measured.
"""

import json
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from report import BENCH, ROOT, machine, machine_text, ratio, ratio_text, spread, summary, table

VARIANTS = ("logview", "xterm-binderhub", "xterm-full-scrollback")
LABELS = {
    "logview": "LogView (this project)",
    "xterm-binderhub": "xterm.js, BinderHub's settings (scrollback 1,000)",
    "xterm-full-scrollback": "xterm.js keeping every line",
}


def run(rounds: int = 7, lines: int = 200_000, batch: int = 500) -> dict[str, Any]:
    before = machine()
    with tempfile.TemporaryDirectory(prefix="envbuilder-bench-logview-") as tmp:
        out = Path(tmp) / "raw.json"
        subprocess.run(
            [
                str(ROOT / "node_modules" / ".bin" / "tsx"),
                str(BENCH / "logview" / "run.ts"),
                *("--rounds", str(rounds), "--lines", str(lines), "--batch", str(batch)),
                *("--out", str(out)),
            ],
            cwd=ROOT,
            check=True,
        )
        raw = json.loads(out.read_text())
    counted = [r for r in raw["runs"] if not r["warmup"]]
    by_variant = {
        v: sorted((r for r in counted if r["variant"] == v), key=lambda r: r["round"])
        for v in VARIANTS
    }

    def values(variant: str, key: str) -> list[float]:
        return [r[key] for r in by_variant[variant]]

    views = {
        v: {
            "lines_per_second": summary(values(v, "linesPerSecond")),
            "total_ms": summary(values(v, "ms")),
            "longest_frame_ms": summary(values(v, "longestFrameMs")),
            "p95_frame_ms": summary(values(v, "p95FrameMs")),
            "long_animation_frames": summary(values(v, "longAnimationFrames")),
            "longest_animation_frame_ms": summary(values(v, "longestAnimationFrameMs")),
            "long_task_ms": summary(values(v, "longTaskMs")),
            "kept_mb": summary(values(v, "keptMb")),
            "check": by_variant[v][-1]["check"] if by_variant[v] else None,
        }
        for v in VARIANTS
    }
    comparisons = {
        f"logview_to_{v}": {
            "lines_per_second": ratio(
                values("logview", "linesPerSecond"), values(v, "linesPerSecond")
            ),
            "longest_frame": ratio(
                values("logview", "longestFrameMs"), values(v, "longestFrameMs")
            ),
        }
        for v in VARIANTS[1:]
    }
    return {
        "name": "logview",
        "how": "standalone page: the project's LogView and BuildLog bundled with esbuild, "
        "outside JupyterLab (null translator), in Chromium",
        "lines": raw["lines"],
        "batch": raw["batch"],
        "rounds": raw["rounds"],
        "chromium": raw["chromium"],
        "machine_before": before,
        "machine_after": machine(),
        "views": views,
        "comparisons": comparisons,
        "runs": raw["runs"],
    }


def render(result: dict[str, Any]) -> str:
    views = result["views"]
    rows = []
    for v in VARIANTS:
        stats = views[v]
        rows.append(
            [
                LABELS[v],
                spread(stats["lines_per_second"]),
                spread(stats["longest_frame_ms"]),
                spread(stats["p95_frame_ms"]),
                spread(stats["longest_animation_frame_ms"]),
                spread(stats["kept_mb"], 1),
            ]
        )
    ratios = [
        [
            f"LogView / {LABELS[v]}",
            ratio_text(result["comparisons"][f"logview_to_{v}"]["lines_per_second"]),
            ratio_text(result["comparisons"][f"logview_to_{v}"]["longest_frame"]),
        ]
        for v in VARIANTS[1:]
    ]
    return "\n\n".join(
        [
            table(
                f"Log view ingest: {result['lines']:,} lines in batches of {result['batch']} "
                f"(median (min-max) of {result['rounds']} rounds, views in turns)",
                [
                    "view",
                    "lines/s",
                    "longest frame ms",
                    "p95 frame ms",
                    "longest LoAF ms",
                    "memory kept MB",
                ],
                rows,
            ),
            table(
                "Log view ingest: ratios (> 1 means LogView has more lines/s, or longer frames)",
                ["comparison", "lines/s", "longest frame"],
                ratios,
            )
            + "\n"
            + machine_text(result["machine_before"], result["machine_after"]),
        ]
    )
