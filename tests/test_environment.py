"""The project's set-up files agree with each other."""

import re
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]


def pinned_versions(path: Path = ROOT / "constraints.txt") -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pins[_normal(name)] = version
    return pins


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def assert_pinned(requirements: list[str], pins: dict[str, str], pin_file: str) -> None:
    """Every requirement is pinned in ``pins`` (read from ``pin_file``) and its pin satisfies it."""
    for text in requirements:
        requirement = Requirement(text)
        name = _normal(requirement.name)
        assert name in pins, f"{name} is not pinned in {pin_file}"
        assert requirement.specifier.contains(pins[name]), f"{name}=={pins[name]} violates {text!r}"


def test_every_dependency_is_pinned_and_the_pin_satisfies_pyproject():
    requirements = project()["dependencies"] + project()["optional-dependencies"]["test"]
    assert_pinned(requirements, pinned_versions(), "constraints.txt (run `make lock`)")


def test_benchmark_peers_are_pinned_apart_and_torch_exactly():
    bench_pins = pinned_versions(ROOT / "benchmarks" / "constraints.txt")
    both = set(bench_pins) & set(pinned_versions())
    assert not both, f"{sorted(both)} pinned in both constraints files"
    bench = project()["optional-dependencies"]["bench"]
    assert_pinned(bench, bench_pins, "benchmarks/constraints.txt")
    # A range admitting newer releases would install a CUDA build of several GB.
    assert f"torch=={bench_pins['torch']}" in bench
    assert "make bench" not in (ROOT / ".ci" / "run").read_text()  # benchmarks are reported, never CI


def test_make_bench_unsets_the_openblas_overrides_in_its_own_commands_only():
    makefile = (ROOT / "Makefile").read_text()
    bench_env = re.search(r"^BENCH_ENV := (.*)$", makefile, re.MULTILINE).group(1).split()
    assert bench_env[0] == "env" and {"OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"} <= set(bench_env[2::2])
    recipe = re.search(r"^bench:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE).group(1).splitlines()
    assert recipe and all(line.startswith("\t$(BENCH_ENV) ") for line in recipe), recipe
    test_recipe = re.search(r"^test:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE).group(1)
    assert "BENCH_ENV" not in test_recipe and "OPENBLAS_CORETYPE" not in test_recipe
    assert "OPENBLAS_L2_SIZE" not in test_recipe
    assert "OPENBLAS_NUM_THREADS=1 " in test_recipe  # tests only: one BLAS thread each (see the Makefile)


def test_environment_yml_installs_the_same_packages_and_versions():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    conda_python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python"))
    assert "-e ." in pip_section
    listed = dict(line.split("==") for line in pip_section if "==" in line)
    listed = {_normal(name): version for name, version in listed.items()}
    pins = pinned_versions()
    wanted = {_normal(Requirement(text).name) for text in project()["dependencies"]}
    assert set(listed) == wanted
    assert all(listed[name] == pins[name] for name in wanted), "environment.yml and constraints.txt disagree"
    minimum = re.search(r">=\s*(\d+\.\d+)", project()["requires-python"]).group(1)
    assert conda_python == f"python={minimum}"


def test_readme_names_the_two_commands_and_ci_runs_the_test_command():
    readme = (ROOT / "README.md").read_text()
    assert "make lab" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_the_data_attribution_ships_with_the_data():
    notes = (ROOT / "nnlib" / "data" / "README.md").read_text()
    assert "CC BY 4.0" in notes and "Alpaydin" in notes


def test_browser_test_dependencies_are_pinned_apart_and_make_test_can_skip_them():
    browser_pins = pinned_versions(ROOT / "tests" / "browser" / "constraints.txt")
    both = set(browser_pins) & set(pinned_versions())
    assert not both, f"{sorted(both)} pinned in both constraints files"
    assert_pinned(project()["optional-dependencies"]["browser"], browser_pins, "tests/browser/constraints.txt")
    makefile = (ROOT / "Makefile").read_text()
    assert "Browser test skipped" in makefile and "playwright install" not in makefile
