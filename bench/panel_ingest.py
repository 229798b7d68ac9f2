"""The Environment panel in JupyterLab while a 50,000-line build log streams in: the browser
side is bench/panel/run.ts (Chromium through Playwright); this module makes the user and the
named server on the dev hub, runs it, and summarises the frames it saw.
"""

from typing import Any

from devhub import DevHub
from labrun import run_in_lab
from report import machine, machine_text, ratio, ratio_text, spread, summary, table

# dev/paced_repo2docker.py prints 50,000 lines at once for users named biglog*.
USER = "biglogpanel"
SERVER = "pi"
# Headless Chromium draws at 60 Hz: one frame is 16.7 ms.
FRAME_MS = 1000 / 60


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] if ordered else 0.0


def _waiting(samples: list[dict[str, Any]], key: str) -> dict[str, Any]:
    """How long the renderer's main thread waited for a core; no values where the kernel does
    not count it."""
    waits = [s[key].get("mainWaiting") for s in samples]
    return summary([] if None in waits else waits)


def run(hub: DevHub, rounds: int = 7) -> dict[str, Any]:
    before = machine()
    raw = run_in_lab(
        hub, "panel", user=USER, server=SERVER, image="envbuilder-dev/bench:start", rounds=rounds
    )
    counted = [s for s in raw["samples"] if not s["warmup"] and not s.get("named")]
    named = [s for s in raw["samples"] if s.get("named")]
    longest = [s["longestFrameMs"] for s in counted]
    main_cpu = [s["cpuMs"]["main"] for s in counted]
    busy_main_cpu = [s["busyCpuMs"]["main"] for s in counted]
    return {
        "name": "panel",
        "rounds": rounds,
        "chromium": raw["chromium"],
        "machine_before": before,
        "machine_after": machine(),
        "longest_frame_ms": summary(longest),
        "idle_longest_frame_ms": summary([s["idleLongestFrameMs"] for s in counted]),
        "busy_longest_frame_ms": summary([s["busyLongestFrameMs"] for s in counted]),
        "longest_frame_to_idle": ratio(longest, [s["idleLongestFrameMs"] for s in counted]),
        "longest_frame_to_busy": ratio(longest, [s["busyLongestFrameMs"] for s in counted]),
        "renderer_main_cpu_ms": summary(main_cpu),
        "renderer_other_cpu_ms": summary([s["cpuMs"]["others"] for s in counted]),
        "busy_renderer_main_cpu_ms": summary(busy_main_cpu),
        "busy_renderer_other_cpu_ms": summary([s["busyCpuMs"]["others"] for s in counted]),
        "renderer_main_cpu_to_busy": ratio(main_cpu, busy_main_cpu),
        "renderer_main_waiting_ms": _waiting(counted, "cpuMs"),
        "busy_renderer_main_waiting_ms": _waiting(counted, "busyCpuMs"),
        "p95_frame_ms": summary([_p95(s["gaps"]) for s in counted]),
        "longest_loaf_ms": summary([s["longestLoafMs"] for s in counted]),
        "click_to_last_line_ms": summary([s["clickToLastLineMs"] for s in counted]),
        "longest_task_cpu_ms": summary([s["longestTaskCpuMs"] for s in counted]),
        "longest_task_wall_ms": summary([s["longestTaskWallMs"] for s in counted]),
        "idle_longest_task_cpu_ms": summary([s["idleLongestTaskCpuMs"] for s in counted]),
        "busy_longest_task_cpu_ms": summary([s["busyLongestTaskCpuMs"] for s in counted]),
        "tasks_over_frame": summary([s["tasksOverFrame"] for s in counted]),
        "console_problems": summary([len(s["consoleProblems"]) for s in counted]),
        "rounds_within_frame": sum(1 for ms in longest if ms < FRAME_MS * 1.5),
        "rounds_with_tasks_within_frame": sum(1 for s in counted if s["tasksOverFrame"] == 0),
        "longest_frame_to_budget": (summary(longest)["median"] / FRAME_MS if longest else None),
        "named_rounds": len(named),
        "task_kinds": {kind: _kind(named, kind) for kind in KINDS},
        "samples": [{k: v for k, v in s.items() if k != "gaps"} for s in raw["samples"]],
    }


# What a task of the page did (bench/panel/run.ts): a click or key, drawing a frame, or the
# rest, which is the stream's events taken in and Lab's own timers.
KINDS = {
    "input": "the click on Build and what it starts",
    "drawing": "drawing a frame (style, layout, paint)",
    "script": "the stream's events taken in, and other scripts",
}


def _kind(named: list[dict[str, Any]], kind: str) -> dict[str, Any]:
    """The longest task of one kind in each named round: its CPU, the garbage collections and
    the drawing in it; and the longest of that kind with collections left out."""
    found = [s["taskKinds"][kind] for s in named if (s.get("taskKinds") or {}).get(kind)]
    return {
        "cpu_ms": summary([f["longest"]["cpu"] for f in found]),
        "collection_ms": summary([f["longest"]["collection"] for f in found]),
        "drawing_ms": summary([f["longest"]["drawing"] for f in found]),
        "without_collection_ms": summary([f["withoutCollection"] for f in found]),
        "over_frame": sum(1 for f in found if f["longest"]["cpu"] > FRAME_MS),
    }


def render(result: dict[str, Any]) -> str:
    budget = result["longest_frame_to_budget"]
    rows = [
        ["longest frame ms", spread(result["longest_frame_ms"], 1)],
        [
            "the same page idle, as long as a round: longest frame ms",
            spread(result["idle_longest_frame_ms"], 1),
        ],
        [
            "the same page idle while a build streams to another client: longest frame ms",
            spread(result["busy_longest_frame_ms"], 1),
        ],
        ["p95 frame ms", spread(result["p95_frame_ms"], 1)],
        ["renderer CPU ms, main thread", spread(result["renderer_main_cpu_ms"])],
        ["renderer CPU ms, other threads", spread(result["renderer_other_cpu_ms"])],
        [
            "renderer CPU ms, main thread, while a build streams to another client",
            spread(result["busy_renderer_main_cpu_ms"]),
        ],
        [
            "renderer CPU ms, other threads, while a build streams to another client",
            spread(result["busy_renderer_other_cpu_ms"]),
        ],
        [
            "renderer main thread, time ready to run but waiting for a core, ms",
            spread(result["renderer_main_waiting_ms"]),
        ],
        [
            "the same, while a build streams to another client",
            spread(result["busy_renderer_main_waiting_ms"]),
        ],
        ["longest LoAF ms", spread(result["longest_loaf_ms"], 1)],
        ["click to the last line in the panel, ms", spread(result["click_to_last_line_ms"])],
        [
            "longest main-thread task, CPU ms (the page's work in one piece, waits left out)",
            spread(result["longest_task_cpu_ms"], 1),
        ],
        [
            "longest main-thread task on the clock, ms (its CPU and its waits for a core)",
            spread(result["longest_task_wall_ms"], 1),
        ],
        ["the same page idle: longest task, CPU ms", spread(result["idle_longest_task_cpu_ms"], 1)],
        [
            "the same page idle while a build streams elsewhere: longest task, CPU ms",
            spread(result["busy_longest_task_cpu_ms"], 1),
        ],
        ["main-thread tasks of more than one frame of CPU", spread(result["tasks_over_frame"])],
        [
            "warnings and errors the page printed in a round (samples keep them)",
            spread(result["console_problems"]),
        ],
    ]
    counted = result["rounds"]
    return (
        table(
            f"Environment panel while a 50,000-line log streams in (median (min-max); "
            f"{result['rounds']} rounds)",
            ["measure", "panel in JupyterLab"],
            rows,
        )
        + "\n"
        + (
            "longest frame / one frame (16.7 ms): "
            + ("-" if budget is None else f"{budget:.2f}x")
            + f"; rounds whose longest frame was one frame: {result['rounds_within_frame']} "
            + f"of {counted}; rounds with no task over one frame of CPU: "
            + f"{result['rounds_with_tasks_within_frame']} of {counted}\n"
            + "longest frame / the idle page's: "
            + ratio_text(result["longest_frame_to_idle"])
            + "\n"
            + "longest frame / the idle page's while a build streams elsewhere: "
            + ratio_text(result["longest_frame_to_busy"])
            + "\n"
            + "renderer main thread CPU / the same while a build streams elsewhere: "
            + ratio_text(result["renderer_main_cpu_to_busy"])
            + "\n"
        )
        + _kinds_text(result)
        + machine_text(result["machine_before"], result["machine_after"])
    )


def _kinds_text(result: dict[str, Any]) -> str:
    """The named rounds' table: the longest task of each kind, and what took its time."""
    named = result.get("named_rounds", 0)
    if not named:
        return ""
    rows = [
        [
            words,
            spread(kind["cpu_ms"], 1),
            spread(kind["collection_ms"], 1),
            spread(kind["drawing_ms"], 1),
            f"{kind['over_frame']} of {kind['cpu_ms']['n']}",
            spread(kind["without_collection_ms"], 1),
        ]
        for name, words in KINDS.items()
        for kind in [result["task_kinds"][name]]
    ]
    return (
        table(
            f"The longest task of each kind, CPU ms (median (min-max); {named} more rounds "
            "recording what each task did, not counted above: that recording costs time)",
            [
                "task",
                "longest, CPU",
                "its garbage collection",
                "its drawing",
                "over one frame",
                "longest without garbage collection",
            ],
            rows,
        )
        + "\n"
    )
