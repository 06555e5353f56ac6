"""The playground and the lesson explorers in a real browser: JupyterLab + headless Chromium (Playwright).

Not collected by a plain ``pytest`` (the file name does not start with
``test_``); ``make test-browser`` runs it by name, and ``make test`` does too
when Chromium is installed. It

1. copies the notebook under test into a temporary folder and starts
   JupyterLab there on a free port of 127.0.0.1, with a random token (the
   server is always stopped: its whole process group, TERM then KILL);
2. opens the notebook in the system's Chromium (``CHROMIUM`` or
   ``/usr/bin/chromium``; Playwright never downloads a browser), runs all
   cells, and waits for every widget to render;
3. checks that no widget is left "Loading widget..." or shown as text; moves
   a playground slider; presses Play, waits for the epochs to count up,
   presses Pause and checks that training really stopped; moves a slider of
   every explorer; checks that each picture changed; and that the browser's
   console logged no error.

Point it elsewhere with ``NNLIB_BROWSER_NOTEBOOK=path/to/notebook.ipynb``
(e.g. a lesson with an explorer) and ``NNLIB_BROWSER_EXPLORERS=n`` (how many
explorers that notebook shows; its playground part is skipped when it has
none). ``NNLIB_BROWSER_SCREENSHOTS=folder`` keeps screenshots of the page.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_lab import free_port, stop  # the same server helpers as the `make lab` test
from test_lab import status as http_status

playwright_api = pytest.importorskip("playwright.sync_api", reason="make test-browser installs playwright")

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = Path(os.environ.get("NNLIB_BROWSER_NOTEBOOK", ROOT / "solutions" / "90_playground.ipynb"))
EXPLORERS = int(os.environ.get("NNLIB_BROWSER_EXPLORERS", "3"))
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = os.environ.get("NNLIB_BROWSER_SCREENSHOTS")
SERVER_START_SECONDS = 60
WAIT_MS = 30_000  # the longest any single wait may take once the notebook has run
RUN_ALL_MS = 180_000  # running all cells: a lesson that trains networks takes a while


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """``(base_url, token, notebook_name)`` of a JupyterLab serving a copy of the notebook."""
    root = tmp_path_factory.mktemp("course")
    shutil.copy(NOTEBOOK, root / NOTEBOOK.name)
    state = tmp_path_factory.mktemp("jupyter")
    env = dict(
        os.environ,
        JUPYTER_RUNTIME_DIR=str(state / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(state / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(state / "workspaces"),
        PYTHONPATH=str(ROOT),
    )
    env.pop("MPLBACKEND", None)
    env.pop("NNLIB_LIVE_PAUSE", None)  # a live plot paused as a learner sees it (the test plugins set 0)
    port, token = free_port(), secrets.token_hex(16)
    command = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
        "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        "--LabApp.expose_app_in_browser=True",
        # as `make lab` starts it: the course's settings (no news prompt over the notebook), no news fetched
        f"--LabApp.app_settings_dir={ROOT / 'nnlib' / 'course' / 'lab_settings'}", "--LabApp.news_url=None",
    ]  # fmt: skip
    if os.geteuid() == 0:
        command.append("--allow-root")
    log_path = state / "lab.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while True:
            if process.poll() is not None:
                pytest.fail(f"JupyterLab exited with {process.returncode}:\n{log_path.read_text()}")
            try:
                if http_status(f"{base}/api/status?token={token}") == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not answer within {SERVER_START_SECONDS} s:\n{log_path.read_text()}")
            time.sleep(0.3)
        assert http_status(f"{base}/api/status") == 403, "the server must keep token authentication"
        yield base, token, NOTEBOOK.name
    finally:
        stop(process)


@pytest.fixture(scope="module")
def page(lab):
    """The notebook open in Chromium, all cells run, every widget rendered; console errors in ``page.errors``."""
    base, token, name = lab
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM=path")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox"] if os.geteuid() == 0 else []
        )
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(WAIT_MS)
            page.errors = []
            page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
            page.on("pageerror", lambda error: page.errors.append(f"page error: {error}"))
            page.goto(f"{base}/lab/tree/{name}?token={token}&reset")
            page.wait_for_selector(".jp-NotebookPanel .jp-Cell")
            page.wait_for_function(
                "() => { const w = window.jupyterapp.shell.currentWidget;"
                " return w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel"
                " && w.sessionContext.session.kernel.status === 'idle'; }"
            )
            page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
            if EXPLORERS:
                page.wait_for_function(
                    f"document.querySelectorAll('.nnlib-explorer img.nnlib-figure').length >= {EXPLORERS}",
                    timeout=RUN_ALL_MS,
                )
            if playground_expected():
                page.wait_for_selector(".nnlib-playground img.nnlib-playground-image", timeout=RUN_ALL_MS)
            page.wait_for_function(  # every cell has run: no "[*]" prompt left
                "() => [...document.querySelectorAll('.jp-InputArea-prompt')].every(p => !p.textContent.includes('*'))",
                timeout=RUN_ALL_MS,
            )
            yield page
            shoot(page, "final")
        finally:
            browser.close()


def playground_expected() -> bool:
    return "playground" in NOTEBOOK.name


def shoot(page, label: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{label}.png"), full_page=True)


def nudge(page, slider) -> None:
    """Move a noUiSlider one step to the right, as a keyboard user would."""
    handle = slider.locator(".noUi-handle").first
    handle.focus()
    handle.press("ArrowRight")


def new_picture(page, image, old_source: str) -> bytes:
    """A screenshot of ``image`` once its ``src`` differs from ``old_source`` and the new one is decoded.

    An ``ipywidgets.Image`` gets a new blob URL each time the kernel sends it bytes.
    """
    page.wait_for_function(
        "([el, old]) => el.src !== old && el.complete && el.naturalWidth > 0", arg=[image.element_handle(), old_source]
    )
    return image.screenshot()


def report(request, line: str) -> None:
    """A line in pytest's own output (what the run measured), without ``-s``."""
    with request.config.pluginmanager.get_plugin("capturemanager").global_and_fixture_disabled():
        print(f"\n[browser] {line}")


def epoch(status) -> int:
    return int(re.search(r"epoch (\d+)", status.inner_text()).group(1))


def test_widgets_rendered_not_loading_nor_text(page):
    outputs = page.locator(".jp-OutputArea-output")
    text = " ".join(outputs.all_inner_texts())
    assert "Loading widget" not in text
    assert "live widget" not in text, "a widget was shown as its plain-text form"
    assert "Error" not in text and "Traceback" not in text
    shoot(page, "rendered")


def test_playground_slider_play_and_pause(page, request):
    if not playground_expected():
        pytest.skip(f"{NOTEBOOK.name} has no playground")
    playground = page.locator(".nnlib-playground").first
    image = playground.locator("img.nnlib-playground-image")
    status = playground.locator(".nnlib-playground-status")
    before, source = image.screenshot(), image.get_attribute("src")
    first_epoch = epoch(status)

    nudge(page, playground.locator(".nnlib-control-noise"))  # new data: a new picture, epoch 0
    page.wait_for_function("el => /epoch 0\\b/.test(el.textContent)", arg=status.element_handle())
    assert first_epoch > 0  # the notebook had trained it
    moved = new_picture(page, image, source)
    source = image.get_attribute("src")
    assert moved != before, "moving the noise slider did not change the picture"

    started = time.monotonic()
    playground.locator("button.nnlib-play").click()
    page.wait_for_function("el => /playing/.test(el.textContent)", arg=status.element_handle())
    page.wait_for_function("el => Number(/epoch (\\d+)/.exec(el.textContent)[1]) >= 20", arg=status.element_handle())
    playground.locator("button.nnlib-pause").click()
    page.wait_for_function("el => /paused/.test(el.textContent)", arg=status.element_handle())
    stopped_at = epoch(status)
    seconds = time.monotonic() - started
    report(request, f"Play: {stopped_at} epochs (one per frame) in {seconds:.1f} s in the browser, Pause answered")
    page.wait_for_timeout(1500)
    assert epoch(status) == stopped_at, "training went on after Pause"
    assert new_picture(page, image, source) != moved, "Play did not change the boundary picture"
    shoot(page, "played")


def test_playground_pictures_are_shown_at_the_size_they_are_drawn(page, request):
    """Each picture 1:1 (its 12 px text is 12 px on screen), both on screen at once, the status line unwrapped."""
    if not playground_expected():
        pytest.skip(f"{NOTEBOOK.name} has no playground")
    playground = page.locator(".nnlib-playground").first
    playground.locator(".widget-checkbox input").first.check()  # "show hidden units"
    main, units = playground.locator("img.nnlib-playground-image"), playground.locator("img.nnlib-playground-units")
    page.wait_for_function("el => el.complete && el.naturalWidth > 0", arg=units.element_handle())
    for picture in (main, units):
        natural = picture.evaluate("el => [el.naturalWidth, el.naturalHeight]")
        shown = picture.evaluate("el => [el.clientWidth, el.clientHeight]")
        assert natural == shown, f"a playground picture drawn at {natural} px is shown at {shown} px"
    assert page.evaluate("window.devicePixelRatio") == 1
    playground.locator("button.nnlib-play").evaluate("el => el.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)
    height = page.evaluate("window.innerHeight")
    boxes = {name: picture.bounding_box() for name, picture in (("boundary", main), ("hidden units", units))}
    report(
        request,
        "on screen (px): "
        + ", ".join(f"{n} {b['width']:.0f}x{b['height']:.0f} at y={b['y']:.0f}" for n, b in boxes.items()),
    )
    for name, box in boxes.items():
        assert 0 <= box["y"] and box["y"] + box["height"] <= height, (
            f"the {name} picture is not on screen with the other"
        )
    status = playground.locator(".nnlib-playground-status .widget-html-content")
    lines = status.evaluate("el => el.clientHeight / parseFloat(getComputedStyle(el).lineHeight)")
    breaks = status.evaluate("el => el.querySelectorAll('br').length")
    assert round(lines) == breaks + 1, f"the status line wraps: {lines:.1f} lines for {breaks + 1}"
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / "units.png"))
        main.screenshot(path=str(Path(SCREENSHOTS) / "boundary-picture.png"))
        units.screenshot(path=str(Path(SCREENSHOTS) / "units-picture.png"))


def live_plot_cell() -> int | None:
    """The index of the notebook's first cell that trains with ``progress="live"``, if any."""
    cells = json.loads(NOTEBOOK.read_text())["cells"]
    return next(
        (
            i
            for i, cell in enumerate(cells)
            if cell["cell_type"] == "code" and 'progress="live"' in "".join(cell["source"])
        ),
        None,
    )


def test_live_plot_draws_in_place_while_fit_runs(page, request):
    """Lesson 13: run the cell that trains with progress="live" again; its one picture must change while it runs."""
    index = live_plot_cell()
    if index is None:
        pytest.skip(f"{NOTEBOOK.name} has no live plot")
    node = page.evaluate_handle(
        "async i => { const notebook = window.jupyterapp.shell.currentWidget.content;"
        " notebook.activeCellIndex = i; await notebook.scrollToItem(i);"
        " return notebook.widgets[i].node; }",
        index,
    )
    page.evaluate(
        "el => { window.nnlibSources = new Set(); const seen = () => el.querySelectorAll('.jp-OutputArea img')"
        ".forEach(i => window.nnlibSources.add(i.src)); new MutationObserver(seen).observe(el, {subtree: true,"
        " childList: true, attributes: true, attributeFilter: ['src']}); }",
        node,
    )
    started = time.monotonic()
    node.as_element().query_selector(".jp-InputArea-editor").click()  # focus the cell, as a learner would
    page.keyboard.press("Shift+Enter")
    page.wait_for_function("el => el.querySelector('.jp-InputArea-prompt').textContent.includes('*')", arg=node)
    page.wait_for_function(
        "el => !el.querySelector('.jp-InputArea-prompt').textContent.includes('*')", arg=node, timeout=RUN_ALL_MS
    )
    seconds = time.monotonic() - started
    pictures = page.evaluate("window.nnlibSources.size")
    shown = page.evaluate("el => el.querySelectorAll('.jp-OutputArea-output img').length", node)
    report(request, f"live plot: {pictures} pictures in {seconds:.1f} s while fit ran, {shown} shown at the end")
    shoot(page, "live")
    assert pictures >= 5, f"the live plot drew {pictures} pictures while fit ran"
    assert shown == 1, "the live plot must update one picture in place"
    assert seconds >= 2, f"the live plot was over in {seconds:.1f} s: too quick to watch"


def test_every_explorer_answers_its_slider(page):
    explorers = page.locator(".nnlib-explorer")
    assert explorers.count() == EXPLORERS
    for index in range(EXPLORERS):
        explorer = explorers.nth(index)
        explorer.scroll_into_view_if_needed()
        image, status = explorer.locator("img.nnlib-figure"), explorer.locator(".nnlib-status")
        before_picture, before_text = image.screenshot(), status.inner_text()
        source = image.get_attribute("src")
        nudge(page, explorer.locator(".widget-slider").first)
        page.wait_for_function("([el, old]) => el.textContent !== old", arg=[status.element_handle(), before_text])
        assert new_picture(page, image, source) != before_picture, f"explorer {index + 1}: the picture did not change"


def test_no_console_errors(page):
    assert page.errors == []


def test_no_news_prompt_over_the_notebook(page):
    # JupyterLab asks, in a toast over the notebook, whether to fetch Jupyter news; `make lab` (and this lab)
    # turn that off through the course's settings
    assert page.get_by_text("Jupyter news").count() == 0
