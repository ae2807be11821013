"""The command table's system commands: the user database (useradd, adduser,
groupadd, usermod ...), apt-mark, and queries that write nothing (dpkg-architecture,
scanelf, gpgconf, find -exec with a reader), as `layerlint layers` shows them."""

from __future__ import annotations

from typing import Any

import pytest
from layerlint import lint_text
from layerlint.layers_report import model_json
from layerlint.model import Model
from layerlint.parse import parse_text


def _layer(run: str, base: str = "debian:12") -> dict[str, Any]:
    table = model_json(Model(parse_text(f"FROM {base}\nRUN {run}\n")))
    layers = [layer for stage in table["stages"] for layer in stage["layers"]]
    assert len(layers) == 1
    return layers[0]


def _facts(run: str, base: str = "debian:12") -> tuple[list[str], list[str], list[str]]:
    """(created, modified, unknown commands) of one RUN."""
    layer = _layer(run, base)
    return layer["created"], sorted(layer["modified"]), layer["unknown_commands"]


PASSWD_SHADOW_GROUP = ["/etc/group", "/etc/passwd", "/etc/shadow"]


@pytest.mark.parametrize(
    ("run", "created", "modified"),
    [
        # -m makes the home (-d moves it), the user's own group is made without -g
        ("useradd -ms /bin/bash bob", ["/home/bob"], PASSWD_SHADOW_GROUP),
        ("useradd --create-home --home-dir /srv/app app", ["/srv/app"], PASSWD_SHADOW_GROUP),
        ("useradd -r -g app app", [], ["/etc/passwd", "/etc/shadow"]),
        ("useradd -r -g app -G audio app", [], PASSWD_SHADOW_GROUP),
        ("useradd -M -N app", [], ["/etc/passwd", "/etc/shadow"]),
        ("useradd -b /srv -m app", ["/srv/app"], PASSWD_SHADOW_GROUP),
        # a flag: the login is still the last word
        ("useradd -m --btrfs-subvolume-home app", ["/home/app"], PASSWD_SHADOW_GROUP),
    ],
)
def test_useradd_writes_the_user_database_and_the_home_it_makes(
    run: str, created: list[str], modified: list[str]
) -> None:
    assert _facts(run) == (created, modified, [])


@pytest.mark.parametrize(
    "run",
    [
        "useradd app",  # a home only where /etc/login.defs says CREATE_HOME
        "useradd -R /chroot -m app",  # another root's files
        "useradd -D -s /bin/bash",  # the defaults file
        "useradd -m $NAME",  # the home's name is unknown
    ],
)
def test_useradd_effects_unknown_where_the_image_or_a_value_decides(run: str) -> None:
    assert _facts(run)[2] == ["useradd"]


@pytest.mark.parametrize(
    ("run", "base", "created"),
    [
        ("adduser --disabled-password --gecos '' dave", "debian:12", ["/home/dave"]),
        ("adduser -D -G www-data www-data", "alpine:3.20", ["/home/www-data"]),
        ("adduser -D -h /var/cache/nginx nginx", "alpine:3.20", ["/var/cache/nginx"]),
        # (a flag, not an option with a value)
        ("adduser --disabled-password --add-extra-groups eve", "debian:12", ["/home/eve"]),
    ],
)
def test_adduser_makes_the_home_unless_told_not_to(run: str, base: str, created: list) -> None:
    assert _facts(run, base) == (created, PASSWD_SHADOW_GROUP, [])


def test_adduser_of_a_user_and_a_group_is_unknown() -> None:
    # BusyBox: make USER in GROUP, or add an existing USER to GROUP; Debian: the latter.
    assert _facts("adduser dave sudo")[2] == ["adduser"]


def test_a_system_user_gets_a_home_only_where_the_tool_decides() -> None:
    # Debian's adduser 3.122+ gives system users /nonexistent, earlier ones and BusyBox
    # (--system is its -S) /home/USER: unknown unless the command says.
    assert _facts("adduser --system --group svc")[2] == ["adduser"]
    assert _facts("adduser -S app", "alpine:3.20") == (
        ["/home/app"],
        ["/etc/passwd", "/etc/shadow"],
        [],
    )  # BusyBox's -S
    text = "FROM debian:12\nRUN adduser --system --group app\nUSER app\nRUN touch ~/x\n"
    assert model_json(Model(parse_text(text)))["stages"][0]["layers"][1]["created"] == []
    # A system user joins an existing group: /etc/group is not written.
    assert _facts("adduser --system --home /var/lib/svc svc") == (
        ["/var/lib/svc"],
        ["/etc/passwd", "/etc/shadow"],
        [],
    )
    assert _facts("adduser -S -H -G app app", "alpine:3.20") == (
        [],
        ["/etc/passwd", "/etc/shadow"],
        [],
    )


@pytest.mark.parametrize(
    ("run", "modified"),
    [
        ("groupadd -r -g 999 redis", ["/etc/group"]),
        ("addgroup -S -g 82 www-data", ["/etc/group"]),
        ("addgroup app docker", ["/etc/group"]),
        ("usermod -aG docker app", ["/etc/group"]),
        ("usermod -s /bin/zsh app", ["/etc/passwd"]),
        ("usermod -L app", ["/etc/shadow"]),
        ("usermod -l newname app", PASSWD_SHADOW_GROUP),
        ("groupmod -g 1000 www-data", ["/etc/group"]),
        ("userdel app", PASSWD_SHADOW_GROUP),
        ("delgroup app", ["/etc/group"]),
        ("echo 'app:secret' | chpasswd", ["/etc/shadow"]),
        ("passwd -d root", ["/etc/shadow"]),
    ],
)
def test_user_and_group_changes_write_their_files(run: str, modified: list[str]) -> None:
    assert _facts(run) == ([], modified, [])


@pytest.mark.parametrize(
    ("run", "unknown"),
    [
        ("usermod -d /srv/app -m app", ["usermod"]),  # moves the home's files
        ("usermod -u 1000 www-data", ["usermod"]),  # re-owns the home's files
        ("usermod -g 100 www-data", ["usermod"]),
        ("userdel -r app", ["userdel"]),  # removes the home
        ("deluser --remove-home app", ["deluser"]),
        ("passwd app", ["passwd"]),  # reads a terminal
    ],
)
def test_user_changes_that_move_or_remove_files_are_unknown(run: str, unknown: list) -> None:
    assert _facts(run)[2] == unknown


def test_apt_mark_writes_apt_and_dpkg_state_but_show_only_reads() -> None:
    run = "apt-mark showmanual && apt-mark auto '.*' > /dev/null && apt-mark hold curl"
    assert _facts(run) == ([], ["/var/lib/apt/extended_states", "/var/lib/dpkg/status"], [])
    assert _facts("apt-mark manual") == ([], [], [])  # no package: nothing marked
    # `apt-mark manual $saved` may mark nothing: unknown.
    assert _facts("apt-mark manual $saved")[2] == ["apt-mark"]


@pytest.mark.parametrize(
    "run",
    [
        'dpkgArch="$(dpkg-architecture --query DEB_BUILD_GNU_TYPE)"',
        "gpgconf --kill all",
        "scanelf --needed --nobanner --format '%n#p' --recursive /usr/local | tr ',' '\\n'",
        "find /usr/local -type f -executable -exec ldd '{}' ';' | awk '{ print $1 }'",
        "find /usr/local -type f -exec scanelf --needed '{}' +",
        "ldconfig -p | grep libssl",
        "update-alternatives --display java",
        "sort -u /etc/passwd | uniq -c",
        "file /usr/bin/env",
        # the official images' test of a library: system() of `[` runs no writer
        'ldd /usr/bin/x | awk \'system("[ -e /usr/local/lib/" $1 " ]") == 0 { next } '
        '{ print "so:" $1 }\'',
        "awk '/x/ { print >> \"/dev/stderr\"; a = $1 > 2 || $2 }' /etc/os-release",
    ],
)
def test_queries_change_no_file(run: str) -> None:
    assert _facts(run) == ([], [], [])


@pytest.mark.parametrize(
    ("run", "unknown"),
    [
        ("dpkg-architecture -c make", ["dpkg-architecture"]),
        ("scanelf -Xz -m /usr/bin/node", ["scanelf"]),
        ("gpgconf --launch gpg-agent", ["gpgconf"]),
        ("find /app -exec ldd {} ';' -exec sh -c 'echo x > {}.txt' ';'", ["find"]),
        ("find /app -exec scanelf -X {} +", ["find"]),
        ("ldconfig", ["ldconfig"]),  # the cache, and links of names it finds
        ("update-alternatives --set java /usr/lib/jvm/x/bin/java", ["update-alternatives"]),
        ("awk '{ print > \"/tmp/out\" }' /etc/passwd", ["awk"]),
        ("awk '{ print | \"sh\" }' /etc/passwd", ["awk"]),
        ("awk 'BEGIN { system(\"rm -rf /x\") }'", ["awk"]),
        ("gawk -i inplace '{ print }' /etc/hosts", ["gawk"]),
        ("awk -f prog.awk /etc/passwd", ["awk"]),
        ("file -C -m /usr/share/misc/local", ["file"]),
    ],
)
def test_queries_that_write_or_run_other_programs_are_unknown(run: str, unknown: list) -> None:
    assert _facts(run)[2] == unknown


def test_a_later_chown_of_a_home_reports_what_was_copied_into_it() -> None:
    # The home `useradd -m` made holds only the skeleton files, as a `mkdir`'s
    # directory holds nothing: the chown copies the archive COPY put there.
    text = (
        "FROM debian:12\nENV HOME=/home/user\n"
        "RUN useradd --create-home --home-dir $HOME user\n"
        "COPY busybox.tar /home/user/busybox.tar\n"
        "RUN chown -R user:user $HOME /tmp\n"
        "RUN useradd -m other\nRUN chown -R other /home/other\n"
    )
    findings = [f for f in lint_text(text) if f.code == "LL5003"]
    assert [f.line for f in findings] == [5]
    assert "/home/user/busybox.tar, which the layer at line 4 created" in findings[0].message


# -- coreutils install: a copy (as cp) or, with -d, directories ----------------------


@pytest.mark.parametrize(
    ("run", "created"),
    [
        ("install -m 0755 -o root /tmp/tool /usr/local/bin/", ["/usr/local/bin/tool"]),
        ("install -m 0755 /tmp/tool /usr/local/bin", ["/usr/local/bin/tool"]),
        ("install -T -m 755 /tmp/tool /usr/local/bin", ["/usr/local/bin"]),
        ("install -D /usr/sbin/criu /build/criu", ["/build/criu"]),
        # -D makes the parents; a directory target still receives the file by name
        ("install -Dm755 /tmp/tool /usr/local/bin/", ["/usr/local/bin/tool"]),
        ("install -D /tmp/tool /usr/local/bin", ["/usr/local/bin/tool"]),
        ("install -t /opt/bin/ a b", ["/opt/bin/a", "/opt/bin/b"]),
        ("install -d -m 1777 /var/lib/pg /opt/x", ["/var/lib/pg", "/opt/x"]),
        ("install -d /opt/a && install -m 644 x.conf /opt/a", ["/opt/a", "/opt/a/x.conf"]),
        ("install --directory --owner pg --mode 1777 /var/run/pg", ["/var/run/pg"]),
    ],
)
def test_install_copies_files_or_makes_directories(run: str, created: list[str]) -> None:
    assert _facts(run) == (created, [], [])


def test_the_home_useradd_makes_is_a_directory_for_later_instructions() -> None:
    text = "FROM debian:12\nRUN useradd -m app\nRUN cp /etc/motd /home/app\n"
    table = model_json(Model(parse_text(text)))
    assert table["stages"][0]["layers"][1]["created"] == ["/home/app/motd"]


def test_scanelf_report_file_and_readers_that_write_after_all() -> None:
    run = "scanelf --needed --nobanner --format '%n#p' --recursive /usr/local -o /tmp/n.txt"
    assert _facts(run, "alpine:3.20") == (["/tmp/n.txt"], [], [])
    for run in (
        "find /usr/local -type f -exec scanelf -o /tmp/out.txt {} +",
        "find /tmp -exec file -C -m /tmp/magic {} ';'",
    ):
        assert _facts(run, "alpine:3.20")[2] == ["find"]
    assert _facts("scanelf -Fz /usr/bin/node", "alpine:3.20") == ([], [], [])  # -F's value


@pytest.mark.parametrize(
    ("run", "created"),
    [
        ("sort -o /tmp/sorted /etc/passwd", ["/tmp/sorted"]),
        ("sort --output=sorted.txt -k2 /etc/passwd", ["/work/sorted.txt"]),
        ("uniq /etc/passwd /tmp/once", ["/tmp/once"]),
        ("uniq -f 1 /etc/passwd -", []),
    ],
)
def test_sort_and_uniq_write_the_file_they_are_given(run: str, created: list[str]) -> None:
    layer = model_json(Model(parse_text(f"FROM debian:12\nWORKDIR /work\nRUN {run}\n")))
    assert layer["stages"][0]["layers"][0]["created"] == created


def test_apt_mark_simulated_writes_nothing() -> None:
    assert _facts("apt-mark -s manual adduser") == ([], [], [])
