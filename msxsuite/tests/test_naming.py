"""Names of created resources: prefixed, bounded, deterministic."""

import subprocess
import sys

from msxsuite.naming import MAX_LENGTH, PREFIX, new_run_tag, resource_name


def test_same_test_and_tag_give_the_same_name_in_another_process():
    code = "from msxsuite.naming import resource_name; print(resource_name('a1b2c3', 'test_x[' + 'y' * 200 + ']'))"
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": "random"}).stdout.strip()
    assert other == resource_name("a1b2c3", "test_x[" + "y" * 200 + "]")


def test_name_carries_prefix_tag_and_test_id():
    assert resource_name("a1b2c3", "test_tenant_lifecycle[name-only]") == "msxt-a1b2c3-tenant-lifecycle-name-only"


def test_other_tags_and_tests_give_other_names():
    names = {resource_name(tag, test) for tag in ("aaaaaa", "bbbbbb") for test in ("test_a[x]", "test_a[y]")}
    assert len(names) == 4


def test_long_test_ids_stay_bounded_and_distinct():
    first = resource_name("a1b2c3", "test_" + "x" * 200 + "[one]")
    second = resource_name("a1b2c3", "test_" + "x" * 200 + "[two]")
    assert len(first) == len(second) == MAX_LENGTH
    assert first != second and first.startswith(PREFIX)


def test_run_tags_are_fresh():
    assert len({new_run_tag() for _ in range(50)}) == 50
