"""What both benchmark scripts share: the machine's description and RESULTS.md.

Each script owns one section of ``RESULTS.md``, fenced by
``<!-- begin NAME -->`` and ``<!-- end NAME -->``, and rewrites only that
section, so the hand-written notes around the sections survive a re-run.
"""

from __future__ import annotations

import os
import platform
import re
from importlib import metadata
from pathlib import Path

RESULTS = Path(__file__).with_name("RESULTS.md")


def cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo (the platform's guess elsewhere)."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def version(package: str) -> str:
    """The installed version of ``package``, or ``"not installed"``."""
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def blas_libraries() -> list[str]:
    """The BLAS libraries loaded in this process, with their thread counts.

    threadpoolctl sees every library (numpy's and scipy's OpenBLAS, torch's
    OpenMP); without it, fall back to the BLAS numpy was built against.
    """
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        import numpy as np

        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        return [f"numpy: {blas['name']} {blas.get('version', '')}".strip()]
    libraries = []
    for pool in threadpool_info():
        name = " ".join(filter(None, [pool["internal_api"], pool.get("version")]))
        details = ", ".join(filter(None, [f"{pool['num_threads']} threads", pool.get("architecture")]))
        libraries.append(f"{name} ({details}): {Path(pool['filepath']).name}")
    return libraries


def openblas_kernels() -> list[str]:
    """The kernel each loaded OpenBLAS chose (``SkylakeX``, ``Haswell``, ...), as threadpoolctl reports it."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return ["unknown (threadpoolctl is not installed)"]
    return [
        f"{pool.get('architecture') or 'unknown'} ({Path(pool['filepath']).name})"
        for pool in threadpool_info()
        if pool["internal_api"] == "openblas"
    ]


def machine_heading() -> str:
    """The CPU model and the OpenBLAS kernel(s) in use, for a results table's heading: figures differ by both."""
    import numpy  # noqa: F401  (loads numpy's OpenBLAS, so that threadpoolctl sees it)

    kernels = sorted({kernel.split(" (")[0] for kernel in openblas_kernels()})
    return f"{cpu_model()}, OpenBLAS kernel {' / '.join(kernels) or 'none'}"


def machine_lines(packages: list[str]) -> list[str]:
    """Markdown bullet lines describing the CPU, the cores, Python and ``packages``' versions."""
    lines = [
        f"- CPU: {cpu_model()}, {os.cpu_count()} cores",
        f"- Python {platform.python_version()} on {platform.system()} {platform.machine()}",
        "- " + ", ".join(f"{name} {version(name)}" for name in packages),
    ]
    for env in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
        if env in os.environ:
            lines.append(f"- {env}={os.environ[env]}")
    return lines


def write_section(name: str, markdown: str, path: Path = RESULTS) -> None:
    """Replace (or append) the section ``name`` of ``path`` with ``markdown``."""
    begin, end = f"<!-- begin {name} -->", f"<!-- end {name} -->"
    block = f"{begin}\n{markdown.strip()}\n{end}"
    text = path.read_text() if path.exists() else "# Benchmark results\n"
    pattern = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text)
